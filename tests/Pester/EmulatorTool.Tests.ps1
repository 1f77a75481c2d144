# The emulator as a user installs it: the .NET tool package CapMonster.Emulator that build.ps1 Package puts in the
# local repository beside the module's, installed with dotnet tool install into a tool path of its own, started as
# a CI step starts it, used through CAPMONSTER_SERVICE_URI, and stopped.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $version = (Import-PowerShellDataFile (Get-TestModulePath)).ModuleVersion
    $toolPath = Join-Path $TestDrive 'tools'
    # A NuGet package folder of its own: a cached CapMonster.Emulator of the same version from an earlier build
    # would otherwise be installed instead of this build's package.
    $savedPackages = $env:NUGET_PACKAGES
    $env:NUGET_PACKAGES = Join-Path $TestDrive 'nuget-packages'
    try {
        $install = & (Get-DotnetPath) tool install CapMonster.Emulator --tool-path $toolPath --add-source $env:CAPMONSTER_TEST_REPOSITORY --version $version 2>&1
        $installExit = $LASTEXITCODE
    } finally {
        $env:NUGET_PACKAGES = $savedPackages
    }
    $tool = Join-Path $toolPath ($IsWindows ? 'capmonster-emulator.exe' : 'capmonster-emulator')

    function Invoke-Tool([string[]] $ArgumentList) {
        $output = & $tool @ArgumentList 2>&1
        [pscustomobject]@{ Exit = $LASTEXITCODE; Text = ($output | Out-String) }
    }

    function Send-Signal($Process, [string] $Signal) {
        & kill "-$Signal" $Process.Id
        $Process.WaitForExit(15000) | Should -BeTrue -Because "the emulator stops within 15 s of SIG$Signal"
        $Process.ExitCode
    }
}

Describe 'The capmonster-emulator tool' -Tag Install {
    It 'installs from the local repository with dotnet tool install' {
        $installExit | Should -Be 0 -Because ($install | Out-String)
        $tool | Should -Exist
    }

    It 'prints the package version with --version' {
        $result = Invoke-Tool '--version'
        $result.Exit | Should -Be 0
        $result.Text.Trim() | Should -Be $version
    }

    It 'lists with --help every option of its README, and only those' {
        $help = Invoke-Tool '--help'
        $help.Exit | Should -Be 0
        $inHelp = [regex]::Matches($help.Text, '(?m)^  (--[a-z-]+)') | ForEach-Object { $_.Groups[1].Value }
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../src/Emulator/README.md')
        $inReadme = [regex]::Matches($readme, '(?m)^\| `(--[a-z-]+)') | ForEach-Object { $_.Groups[1].Value }
        @($inHelp | Sort-Object) | Should -Be @($inReadme | Sort-Object)
        $inHelp | Should -Contain '--port'
        $inHelp | Should -Contain '--version'
    }

    It 'answers a pipeline script through CAPMONSTER_SERVICE_URI, then stops cleanly' {
        $emulator = Start-CapMonsterEmulator -Path $tool -ArgumentList '--latency', '100-300'
        try {
            $uri = $emulator.Uri.ToString().TrimEnd('/')
            $uri | Should -Match '^http://127\.0\.0\.1:\d+$'
            $answer = Invoke-InChildPwsh -Environment @{ CAPMONSTER_SERVICE_URI = $uri; CAPMONSTER_API_KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00' } -ScriptBlock {
                # What a CI step runs: fail fast on the balance, then solve.
                Get-CapMonsterBalance -Minimum 5 | Out-Null
                (Invoke-CapMonsterTask RecaptchaV2 -WebsiteUrl 'https://example.com/login' -WebsiteKey '6Lc_example_site_key').GRecaptchaResponse
            }
            $answer | Should -Match '^gRecaptchaResponse-\d+-[0-9a-f]{16}$'
            # This emulator answered, not the suite's own.
            @(Invoke-RestMethod "$uri/emulator/log?method=createTask").Count | Should -Be 1
        } finally {
            $exit = if ($IsWindows) { Stop-CapMonsterEmulator $emulator; $emulator.Process.ExitCode } else { Send-Signal $emulator.Process TERM }
        }
        $exit | Should -Be 0
    }

    It 'stops cleanly on SIGINT, as on Ctrl+C' -Skip:$IsWindows {
        if (Test-SigIntIgnored) { Set-ItResult -Skipped -Because 'this test run was started with SIGINT ignored (in the background), so no child can receive one' }
        $emulator = Start-CapMonsterEmulator -Path $tool
        Send-Signal $emulator.Process INT | Should -Be 0
    }

    It 'stops cleanly when its standard input closes, given --exit-on-stdin-close' {
        $emulator = Start-CapMonsterEmulator -Path $tool
        $emulator.Process.StandardInput.Close()
        $emulator.Process.WaitForExit(15000) | Should -BeTrue
        $emulator.Process.ExitCode | Should -Be 0
    }

    It 'runs the README''s CI step as written, but for the packages coming from the local repository' {
        $readme = Get-Content -Raw (Join-Path $PSScriptRoot '../../README.md')
        # The GitHub Actions run block and the Azure Pipelines pwsh block, de-indented: the same script.
        $github = [regex]::Match($readme, '(?s)        run: \|\n(.*?)\n```').Groups[1].Value -replace '(?m)^ {10}', ''
        $azure = [regex]::Match($readme, '(?s)  - pwsh: \|\n(.*?)\n    displayName').Groups[1].Value -replace '(?m)^ {6}', ''
        $github | Should -Not -BeNullOrEmpty
        $azure | Should -Be $github

        # Until the packages are published: the module and the tool from the repository that build.ps1 Package fills.
        $repository = $env:CAPMONSTER_TEST_REPOSITORY
        $step = $github.Replace('Install-Module CapMonster -Scope CurrentUser -Force',
            "Register-PSRepository -Name CapMonsterLocal -SourceLocation '$repository' -InstallationPolicy Trusted`nInstall-Module CapMonster -Repository CapMonsterLocal -Scope CurrentUser -Force").
            Replace('dotnet tool install CapMonster.Emulator --tool-path ./.capmonster', "dotnet tool install CapMonster.Emulator --tool-path ./.capmonster --add-source '$repository' --version $version")
        $step | Should -Match 'Register-PSRepository'
        $step | Should -Match '--add-source'

        $work = New-Item -ItemType Directory -Force (Join-Path $TestDrive 'ci-step')
        $null = New-Item -ItemType Directory -Force (Join-Path $work 'scripts')
        Set-Content -LiteralPath (Join-Path $work 'scripts/Solve-Captchas.ps1') -Value @'
Import-Module CapMonster
$answer = (Invoke-CapMonsterTask RecaptchaV2 -WebsiteUrl 'https://example.com/login' -WebsiteKey '6Lc_example_site_key').GRecaptchaResponse
[pscustomobject]@{ Uri = $env:CAPMONSTER_SERVICE_URI; Balance = Get-CapMonsterBalance; Answer = $answer } | ConvertTo-Json | Set-Content ./result.json
'@
        Set-Content -LiteralPath (Join-Path $work 'step.ps1') -Value ("Set-Location '$work'`n" + $step)
        $environment = (Get-IsolatedEnvironment (Join-Path $TestDrive 'ci-home')) + @{ NUGET_PACKAGES = (Join-Path $TestDrive 'ci-nuget') }
        $exit = Invoke-Pwsh -ArgumentList '-NonInteractive', '-File', (Join-Path $work 'step.ps1') -Environment $environment
        $exit | Should -Be 0
        $result = Get-Content -Raw (Join-Path $work 'result.json') | ConvertFrom-Json
        $result.Uri | Should -Match '^http://127\.0\.0\.1:\d+$'
        $result.Uri | Should -Not -Be (Get-TestEmulatorUri)   # the step's own emulator answered
        $result.Answer | Should -Match '^gRecaptchaResponse-\d+-[0-9a-f]{16}$'
        $result.Balance | Should -BeLessThan 100
    }
}
