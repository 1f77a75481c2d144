# The module's core in whatever PowerShell runs this file, against the emulator. Written in the syntax Windows
# PowerShell 5.1 parses (no ternaries, no ?? or ?., no -Parallel, nothing from TestHelpers.psm1, which is pwsh-only):
# ./build.ps1 TestWindowsPowerShell runs it in powershell.exe on Windows; ./build.ps1 Test runs it in pwsh with the
# other suites, so it is held to the same behaviour in both.
BeforeAll {
    $modulePath = $env:CAPMONSTER_TEST_MODULE
    $emulator = $env:CAPMONSTER_TEST_EMULATOR
    if (-not $modulePath -or -not $emulator) { throw 'Run it with ./build.ps1 Test or ./build.ps1 TestWindowsPowerShell.' }
    $module = Import-Module $modulePath -PassThru -Force
    $env:CAPMONSTER_SERVICE_URI = $emulator
    Remove-Item Env:CAPMONSTER_API_KEY -ErrorAction Ignore

    function New-TestKey([decimal] $Balance) {
        $key = [guid]::NewGuid().ToString('N')
        $body = ConvertTo-Json @{ key = $key; balance = $Balance }
        $null = Invoke-RestMethod -Method Post -Uri "$emulator/emulator/keys" -ContentType 'application/json' -Body $body
        $key
    }

    function Invoke-InCulture([string] $Culture, [scriptblock] $ScriptBlock) {
        $thread = [System.Threading.Thread]::CurrentThread
        $saved = $thread.CurrentUICulture
        try {
            $thread.CurrentUICulture = [System.Globalization.CultureInfo]::GetCultureInfo($Culture)
            & $ScriptBlock
        } finally {
            $thread.CurrentUICulture = $saved
        }
    }
}

AfterAll {
    Disconnect-CapMonster
    Remove-Item Env:CAPMONSTER_SERVICE_URI -ErrorAction Ignore
}

Describe "The module in PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition))" {
    AfterEach { Disconnect-CapMonster }

    It 'imports with every cmdlet of its manifest' {
        $manifest = Import-PowerShellDataFile $modulePath
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'keeps the key for the session, gets the balance and shows the connection' {
        $key = New-TestKey -Balance 42
        Connect-CapMonster -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -Validate
        Get-CapMonsterBalance | Should -Be 42
        $connection = Get-CapMonsterConnection
        $connection.ApiKeySource | Should -Be 'Session'
        $connection.ApiKeyLastFour | Should -Be $key.Substring(28)
        ($connection | Format-List | Out-String) | Should -Not -Match $key
    }

    It 'creates a task and waits for its solution' {
        $key = ConvertTo-SecureString (New-TestKey -Balance 10) -AsPlainText -Force
        $result = Invoke-CapMonsterTask RecaptchaV2 -WebsiteUrl 'https://example.com/login' -WebsiteKey '6Lc_example_site_key' -ApiKey $key
        $result.GRecaptchaResponse | Should -Match '^gRecaptchaResponse-\d+-[0-9a-f]{16}$'
    }

    It 'reports an API error as a typed exception with the catalog''s category and advice' {
        $wrong = ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force
        $caught = $null
        try { Get-CapMonsterBalance -ApiKey $wrong -ErrorAction Stop } catch [CapMonster.CapMonsterAccountException] { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'ERROR_KEY_DOES_NOT_EXIST,CapMonster.Commands.GetCapMonsterBalanceCommand'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Connect-CapMonster'
    }

    It 'speaks Russian, help included, under a Russian UI culture such as ru-KZ' {
        $wrong = ConvertTo-SecureString 'ffffffffffffffffffffffffffffffff' -AsPlainText -Force
        $seen = Invoke-InCulture 'ru-KZ' {
            $message = $null
            try { Get-CapMonsterBalance -ApiKey $wrong -ErrorAction Stop } catch { $message = $_.ErrorDetails.Message }
            $noKey = $null
            try { Get-CapMonsterBalance -ErrorAction Stop } catch { $noKey = $_.ErrorDetails.Message }
            New-Object psobject -Property @{
                Message  = $message
                NoKey    = $noKey
                Synopsis = (Get-Help Connect-CapMonster).Synopsis
                Title    = (Resolve-CapMonsterError -Code 'нет средств').Title
            }
        }
        $seen.Message | Should -Match '\p{IsCyrillic}'
        $seen.NoKey | Should -BeLike 'Не задан API-ключ CapMonster*'   # the module's own messages, from ru/CapMonster.resources.dll
        $seen.Synopsis | Should -Match '\p{IsCyrillic}'
        $seen.Title | Should -Be 'НЕТ СРЕДСТВ'
    }
}
