# Install-Module from the local repository that build.ps1 Package fills, as a user would from the Gallery.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifest = Import-PowerShellDataFile (Get-TestModulePath)
}

Describe 'Install-Module CapMonster' -Tag Install {
    It 'installs from the repository into a fresh, isolated PowerShell and imports with every cmdlet, speaking Russian and English' {
        $isolatedHome = Join-Path $TestDrive 'home'
        $environment = Get-IsolatedEnvironment $isolatedHome
        $tools = Join-Path $PSScriptRoot '../../tools/BuildTools.psm1'
        $result = Invoke-InChildPwsh -NoModule -Environment $environment -ArgumentList $env:CAPMONSTER_TEST_REPOSITORY, $manifest.ModuleVersion, $tools -ScriptBlock {
            param($repository, $version, $tools)
            Register-PSRepository -Name CapMonsterTest -SourceLocation $repository -InstallationPolicy Trusted
            Install-Module CapMonster -Repository CapMonsterTest -RequiredVersion $version -Scope CurrentUser -Force
            # A new process, so the module is found through PSModulePath as after any install.
            Import-Module $tools
            $exe = Get-PwshCommand
            $names = & $exe[0] @($exe | Select-Object -Skip 1) -NoProfile -Command 'Import-Module CapMonster -ErrorAction Stop; (Get-Command -Module CapMonster).Name; (Get-Module CapMonster).ModuleBase'
            $exit = $LASTEXITCODE
            # The installed module's messages under a Russian culture with no folder of its own (ru-UA: from
            # ru/CapMonster.resources.dll) and under English; as JSON with \u escapes, whatever the console's encoding.
            $messages = foreach ($culture in 'ru-UA', 'en-US') {
                $command = "[cultureinfo]::CurrentUICulture = '$culture'; `$env:CAPMONSTER_API_KEY = `$null; Import-Module CapMonster -ErrorAction Stop; " +
                    "`$noKey = try { Get-CapMonsterBalance -ErrorAction Stop } catch { `$_.ErrorDetails.Message }; " +
                    "@{ Title = (Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE).Title; NoKey = `$noKey } | ConvertTo-Json -Compress -EscapeHandling EscapeNonAscii"
                & $exe[0] @($exe | Select-Object -Skip 1) -NoProfile -Command $command | ConvertFrom-Json
            }
            [pscustomobject]@{ Names = $names; Exit = $exit; Messages = $messages }
        }
        $result.Exit | Should -Be 0
        $result.Messages[0].Title | Should -Be 'НЕТ СРЕДСТВ'
        $result.Messages[0].NoKey | Should -BeLike 'Не задан API-ключ CapMonster*'
        $result.Messages[1].Title | Should -Be 'NO FUNDS'
        $result.Messages[1].NoKey | Should -BeLike 'No CapMonster API key*'
        $base = $result.Names[-1]
        $base | Should -BeLike "$isolatedHome*CapMonster*$($manifest.ModuleVersion)"
        @($result.Names | Select-Object -SkipLast 1 | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        Join-Path $base 'ru-RU/CapMonster.dll-Help.xml' | Should -Exist
        Join-Path $base 'ru/CapMonster.dll-Help.xml' | Should -Exist   # for ru-UA, ru-KZ and every other Russian culture
        Join-Path $base 'ru/about_CapMonster.help.txt' | Should -Exist
        Join-Path $base 'dependencies/System.Text.Json.dll' | Should -Exist
        Join-Path $base 'ru/CapMonster.resources.dll' | Should -Exist
    }
}
