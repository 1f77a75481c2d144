# The session made visible (Get-CapMonsterConnection), the key from a SecretManagement vault and Connect-CapMonster
# -Validate, against the emulator.
#
# Microsoft.PowerShell.SecretManagement cannot be installed on the build machines, so these tests use a stand-in
# (SecretManagementStandIn/): a module of the same name on PSModulePath whose Get-Secret has the real one's
# parameters (-Name, -Vault, -AsPlainText; -InputObject) and behaves as the real one does for what
# Connect-CapMonster relies on: String and SecureString secrets come back as a SecureString, other types as they
# are, and a missing secret is an error.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $emulator = Get-TestEmulatorUri
    $env:CAPMONSTER_SERVICE_URI = $emulator
    Remove-Item Env:CAPMONSTER_API_KEY -ErrorAction Ignore
    Disconnect-CapMonster

    $standInModules = Join-Path $PSScriptRoot 'SecretManagementStandIn'
    $workKey = New-EmulatorKey -Balance 11
    $homeKey = New-EmulatorKey -Balance 22
    $secretsPath = Join-Path $TestDrive 'secrets.json'
    @{
        Home = @{ capmonster = @{ Type = 'String'; Value = $homeKey } }
        Work = @{
            capmonster = @{ Type = 'SecureString'; Value = $workKey }
            credential = @{ Type = 'PSCredential'; Value = $workKey }
            table      = @{ Type = 'Hashtable'; Value = $workKey }
        }
    } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $secretsPath
    $withVault = @{
        CAPMONSTER_TEST_SECRETS = $secretsPath
        PSModulePath            = $standInModules + [IO.Path]::PathSeparator + $env:PSModulePath
        CAPMONSTER_SERVICE_URI  = $emulator
    }
}

AfterAll {
    Remove-Item Env:CAPMONSTER_SERVICE_URI, Env:CAPMONSTER_API_KEY -ErrorAction Ignore
    Disconnect-CapMonster
}

Describe 'Get-CapMonsterConnection' {
    AfterEach {
        Disconnect-CapMonster
        Remove-Item Env:CAPMONSTER_API_KEY -ErrorAction Ignore
    }

    It 'says where the key comes from, showing only its last four characters' {
        $environmentKey = New-EmulatorKey
        $sessionKey = New-EmulatorKey
        $parameterKey = New-EmulatorKey

        $none = Get-CapMonsterConnection
        $none | Should -BeOfType ([CapMonster.ConnectionInfo])
        $none.ApiKeySource | Should -Be 'None'
        $none.ApiKeyLastFour | Should -BeNullOrEmpty

        $env:CAPMONSTER_API_KEY = $environmentKey
        (Get-CapMonsterConnection).ApiKeySource | Should -Be 'Environment'
        (Get-CapMonsterConnection).ApiKeyLastFour | Should -Be $environmentKey.Substring(28)

        Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $sessionKey)
        $session = Get-CapMonsterConnection
        $session.ApiKeySource | Should -Be 'Session'
        $session.ApiKeyLastFour | Should -Be $sessionKey.Substring(28)
        ($session | ConvertTo-Json | ConvertFrom-Json).ApiKeySource | Should -BeExactly 'Session'   # the name, not 2
        $session.SecretName | Should -BeNullOrEmpty

        $parameter = Get-CapMonsterConnection -ApiKey (ConvertTo-TestSecureString $parameterKey)
        $parameter.ApiKeySource | Should -Be 'Parameter'
        $parameter.ApiKeyLastFour | Should -Be $parameterKey.Substring(28)

        foreach ($key in $environmentKey, $sessionKey, $parameterKey) {
            ($session, $parameter | Format-List | Out-String) | Should -Not -Match $key
            ($session, $parameter | ConvertTo-Json) | Should -Not -Match $key
        }
        ($session | Format-List | Out-String) | Should -Match ('ApiKey\s+: \*{4}' + $sessionKey.Substring(28))
    }

    It 'shows the service URI, timeout, retries and web proxy in force: parameter over session over default' {
        $proxyCredential = [pscredential]::new('proxy-user', (ConvertTo-TestSecureString 'proxy-secret-password'))
        Connect-CapMonster -ApiKey (ConvertTo-TestSecureString (New-EmulatorKey)) -ServiceUri $emulator -TimeoutSec 12 -MaximumRetryCount 1 `
            -RetryIntervalSec 2 -WebProxy 'http://127.0.0.1:3128' -WebProxyCredential $proxyCredential
        $info = Get-CapMonsterConnection
        $info.ServiceUri | Should -Be "$emulator/"
        $info.TimeoutSec, $info.MaximumRetryCount, $info.RetryIntervalSec | Should -Be 12, 1, 2
        $info.WebProxy | Should -Be 'http://127.0.0.1:3128/'
        $info.WebProxyUserName | Should -Be 'proxy-user'
        ($info | Format-List | Out-String) | Should -Not -Match 'proxy-secret-password'

        $override = Get-CapMonsterConnection -TimeoutSec 5 -MaximumRetryCount 0
        $override.TimeoutSec, $override.MaximumRetryCount | Should -Be 5, 0

        Disconnect-CapMonster
        $defaults = Get-CapMonsterConnection
        $defaults.TimeoutSec, $defaults.MaximumRetryCount | Should -Be 30, 3
        $defaults.RetryIntervalSec | Should -BeNullOrEmpty
        $defaults.WebProxy | Should -BeNullOrEmpty
        $defaults.ServiceUri | Should -Be "$emulator/"   # CAPMONSTER_SERVICE_URI
    }

    It 'shows the last four characters of the key itself, not of its __suffix' {
        $key = New-EmulatorKey
        Connect-CapMonster -ApiKey (ConvertTo-TestSecureString "${key}__nocache")
        (Get-CapMonsterConnection).ApiKeyLastFour | Should -Be $key.Substring(28)
        (Get-CapMonsterConnection | Format-List | Out-String) | Should -Match ('ApiKey\s+: \*{4}' + $key.Substring(28))
    }

    It 'shows as a list, the key as four asterisks and its last four characters' {
        $key = New-EmulatorKey
        $text = Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $key) -PassThru | Out-String
        foreach ($name in 'ApiKeySource', 'ApiKey', 'ServiceUri', 'TimeoutSec', 'MaximumRetryCount', 'RetryIntervalSec', 'WebProxy') {
            $text | Should -Match "(?m)^$name\s+:"
        }
        $text | Should -Match "\*{4}$($key.Substring(28))"
        $text | Should -Not -Match $key
    }
}

Describe 'Connect-CapMonster -SecretName (SecretManagement stand-in)' {
    BeforeAll {
        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = $withVault.PSModulePath
        $env:CAPMONSTER_TEST_SECRETS = $secretsPath
    }
    AfterAll {
        $env:PSModulePath = $savedModulePath
        Remove-Item Env:CAPMONSTER_TEST_SECRETS -ErrorAction Ignore
        Remove-Module Microsoft.PowerShell.SecretManagement -ErrorAction Ignore
    }
    AfterEach { Disconnect-CapMonster }

    It 'reads a SecureString secret from the vault given, and calls use it' {
        $info = Connect-CapMonster -SecretName capmonster -Vault Work -PassThru
        $info.ApiKeySource | Should -Be 'Session'
        $info.SecretName, $info.Vault | Should -Be 'capmonster', 'Work'
        $info.ApiKeyLastFour | Should -Be $workKey.Substring(28)
        Get-CapMonsterBalance | Should -Be 11
        (Get-CapMonsterConnection).SecretName | Should -Be 'capmonster'
    }

    It 'reads a String secret (Get-Secret hands it over as a SecureString), searching every vault without -Vault' {
        Connect-CapMonster -SecretName capmonster   # the stand-in searches Home before Work, as vaults are ordered
        Get-CapMonsterBalance | Should -Be 22
        (Get-CapMonsterConnection).Vault | Should -BeNullOrEmpty
    }

    It 'stops with SecretNotFound, Get-Secret''s own reason and the name, and keeps the previous session' {
        Connect-CapMonster -SecretName capmonster -Vault Work
        $e = { Connect-CapMonster -SecretName missing -Vault Work } | Should -Throw -ErrorId 'SecretNotFound,CapMonster.Commands.ConnectCapMonsterCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be 'missing'
        $e.ErrorDetails.Message | Should -Match "'missing'.*'Work'.*was not found"
        $e.ErrorDetails.RecommendedAction | Should -Match 'Get-SecretInfo'
        { Connect-CapMonster -SecretName capmonster -Vault Nowhere } | Should -Throw -ErrorId 'SecretNotFound,*'
        Get-CapMonsterBalance | Should -Be 11
    }

    It 'stops with SecretNotUsable for a <Type> secret' -ForEach @(@{ Type = 'PSCredential'; Name = 'credential' }, @{ Type = 'Hashtable'; Name = 'table' }) {
        $e = { Connect-CapMonster -SecretName $Name -Vault Work } | Should -Throw -ErrorId 'SecretNotUsable,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidType'
        $e.ErrorDetails.Message | Should -Match $Type
        $e.ErrorDetails.Message | Should -Not -Match $workKey
    }
}

Describe 'Vault messages in <_>' -ForEach 'en-US', 'ru-RU' -Tag Slow {
    BeforeAll { $culture = $_ }

    It 'says how to install SecretManagement when it is missing, and explains a missing secret' -Skip:(@(Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement).Count -gt 0) {
        $missingModule = Invoke-InChildPwsh -Culture $culture -ScriptBlock {
            try { Connect-CapMonster -SecretName capmonster } catch { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Category = "$($_.CategoryInfo.Category)"; Message = $_.ErrorDetails.Message; Action = $_.ErrorDetails.RecommendedAction } }
        }
        $missingModule.Id | Should -Be 'SecretManagementNotInstalled,CapMonster.Commands.ConnectCapMonsterCommand'
        $missingModule.Category | Should -Be 'NotInstalled'
        $missingModule.Message | Should -Match 'Install-PSResource Microsoft\.PowerShell\.SecretManagement'
        $missingModule.Action | Should -Match 'Install-PSResource Microsoft\.PowerShell\.SecretManagement'
        Test-Cyrillic $missingModule.Message | Should -Be ($culture -eq 'ru-RU')
        Test-Cyrillic $missingModule.Action | Should -Be ($culture -eq 'ru-RU')

        $missingSecret = Invoke-InChildPwsh -Culture $culture -Environment $withVault -ScriptBlock {
            try { Connect-CapMonster -SecretName missing } catch { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Message = $_.ErrorDetails.Message; Action = $_.ErrorDetails.RecommendedAction } }
        }
        $missingSecret.Id | Should -BeLike 'SecretNotFound,*'
        Test-Cyrillic $missingSecret.Message | Should -Be ($culture -eq 'ru-RU')
        Test-Cyrillic $missingSecret.Action | Should -Be ($culture -eq 'ru-RU')
    }

    It 'reads the key from the vault, validates it and shows the connection the same way' {
        $info = Invoke-InChildPwsh -Culture $culture -Environment $withVault -ScriptBlock {
            $verbose = Connect-CapMonster -SecretName capmonster -Vault Home -Validate -Verbose 4>&1 | Out-String
            [pscustomobject]@{ Verbose = $verbose; Balance = Get-CapMonsterBalance; Connection = Get-CapMonsterConnection | Format-List | Out-String }
        }
        $info.Verbose | Should -Match '22'
        Test-Cyrillic $info.Verbose | Should -Be ($culture -eq 'ru-RU')
        $info.Balance | Should -Be 22
        $info.Connection | Should -Match "ApiKeySource\s+: Session"
        $info.Connection | Should -Match "SecretName\s+: capmonster"
        $info.Connection | Should -Not -Match $homeKey
    }
}

Describe 'Connect-CapMonster -Validate' {
    AfterEach { Disconnect-CapMonster }

    It 'checks the key with one getBalance before keeping it' {
        $key = New-EmulatorKey -Balance 7
        $verbose = Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $key) -Validate -Verbose 4>&1
        ($verbose | Out-String) | Should -Match 'getBalance answered 7'
        @(Get-EmulatorLog -Key $key -Method getBalance).Count | Should -Be 1
        (Get-CapMonsterConnection).ApiKeyLastFour | Should -Be $key.Substring(28)
    }

    It 'keeps nothing when the key is wrong: the API''s error, and the previous session stays' {
        $good = New-EmulatorKey -Balance 5
        Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $good)
        $e = { Connect-CapMonster -ApiKey (ConvertTo-TestSecureString 'ffffffffffffffffffffffffffffffff') -Validate } |
            Should -Throw -ErrorId 'ERROR_KEY_DOES_NOT_EXIST,CapMonster.Commands.ConnectCapMonsterCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        (Get-CapMonsterConnection).ApiKeyLastFour | Should -Be $good.Substring(28)
        Get-CapMonsterBalance | Should -Be 5
    }
}

Describe 'Verbose and debug lines' {
    # The client builds them only when they are shown: shown must follow the switch, else the preference variable.
    BeforeAll { $env:CAPMONSTER_API_KEY = New-EmulatorKey -Balance 3 }
    AfterAll { Remove-Item Env:CAPMONSTER_API_KEY -ErrorAction Ignore }

    It 'come with $VerbosePreference and $DebugPreference set, as with -Verbose and -Debug' {
        $records = & {
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            Get-CapMonsterBalance
        } 4>&1 5>&1
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'getBalance -> HTTP 200' }).Count | Should -Be 1
        $debug = @($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        $debug.Count | Should -Be 2
        ($debug -join "`n") | Should -Match '"clientKey":"\*\*\*"'
        ($debug -join "`n") | Should -Match '"balance"'
        ($debug -join "`n") | Should -Not -Match $env:CAPMONSTER_API_KEY
    }

    It 'stay out with -Verbose:$false and -Debug:$false whatever the preferences, and by default' {
        $off = & {
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            Get-CapMonsterBalance -Verbose:$false -Debug:$false
        } 4>&1 5>&1
        $off | Should -Be 3
        $default = & { Get-CapMonsterBalance } 4>&1 5>&1
        $default | Should -Be 3
    }

    It 'come from the waiter''s polls under -Verbose' {
        $task = New-CapMonsterTask -Type ImageToText -Body ([Convert]::ToBase64String([byte[]] (1..250)))
        $records = $task | Wait-CapMonsterTask -Verbose -WaitTimeoutSec 60 4>&1
        @($records | Where-Object { $_ -is [CapMonster.CaptchaResult] }).Count | Should -Be 1
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'getTaskResult -> HTTP 200' }).Count | Should -BeGreaterThan 0
    }
}
