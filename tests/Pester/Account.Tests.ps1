# The API core through the account cmdlets, against the emulator: keys, transport errors, retries, secrecy.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # One documented code of each catalog area, each with HTTP 200 and with a non-200 status the service uses. Every
    # code x status x client method is in xunit (ApiErrorMatrixTests); here the cmdlets' side of each area.
    $areas = @(Get-DocumentedApiCode | Resolve-CapMonsterError | Group-Object { "$($_.Area)" })
    $script:areaCases = for ($i = 0; $i -lt $areas.Count; $i++) {
        @{ Area = $areas[$i].Name; Code = $areas[$i].Group[0].Code; NonOkStatus = (402, 403, 429, 500)[$i % 4] }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $emulator = Get-TestEmulatorUri
    $env:CAPMONSTER_SERVICE_URI = $emulator
    Remove-Item Env:CAPMONSTER_API_KEY -ErrorAction Ignore
    Disconnect-CapMonster
}

AfterAll {
    Remove-Item Env:CAPMONSTER_SERVICE_URI, Env:CAPMONSTER_API_KEY -ErrorAction Ignore
    Disconnect-CapMonster
}

Describe 'Get-CapMonsterBalance' {
    It 'returns the balance as a decimal that compares directly' {
        $key = New-EmulatorKey -Balance 12.5
        $balance = Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key)
        $balance | Should -BeOfType [decimal]
        $balance | Should -Be 12.5
        $balance -lt 20 | Should -BeTrue
    }

    It 'fails fast with BalanceBelowMinimum under -Minimum, for a CI step' {
        $key = New-EmulatorKey -Balance 1
        $e = { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key) -Minimum 5 } |
            Should -Throw -ErrorId 'BalanceBelowMinimum,CapMonster.Commands.GetCapMonsterBalanceCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'QuotaExceeded'
        $e.TargetObject | Should -Be 1
        $e.ErrorDetails.RecommendedAction | Should -Match 'SelectPaymentType'
        Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key) -Minimum 1 | Should -Be 1
    }

    It 'shows each call''s method, URI, status and time with -Verbose' {
        $key = New-EmulatorKey
        $verbose = Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key) -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match "POST $([regex]::Escape($emulator))/getBalance -> HTTP 200 \(\d+ ms\)"
    }
}

Describe 'API errors become catalog ErrorRecords whatever the HTTP status' {
    It '<Area>: <Code> with HTTP 200 and <NonOkStatus>, through Get-CapMonsterBalance and Send-CapMonsterReport' -ForEach $areaCases {
        $entry = Resolve-CapMonsterError -Code $Code
        foreach ($status in 200, $NonOkStatus) {
            $key = New-EmulatorKey
            Add-EmulatorScenario -Key $key -Method getBalance -Kind error -With @{ errorCode = $Code; httpStatus = $status; errorDescription = "emulated $Code" }
            $e = { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key) -MaximumRetryCount 0 } |
                Should -Throw -ErrorId "$Code,CapMonster.Commands.GetCapMonsterBalanceCommand" -PassThru
            $e.CategoryInfo.Category | Should -Be $entry.Category
            $e.ErrorDetails.Message.StartsWith($entry.Description) | Should -BeTrue -Because $e.ErrorDetails.Message
            $e.ErrorDetails.Message | Should -Match ([regex]::Escape("emulated $Code"))
            $e.ErrorDetails.RecommendedAction | Should -Be $entry.RecommendedAction
            $e.Exception.GetType().FullName | Should -Be $entry.ExceptionType
            $e.Exception.HttpStatus | Should -Be $status

            # A report's failure is that one input's: written, not thrown, with the task as its target.
            $kind = $status -eq 200 ? 'Image' : 'Token'
            Add-EmulatorScenario -Key $key -Method "reportIncorrect$($kind)Captcha" -Kind error -With @{ errorCode = $Code; httpStatus = $status }
            $out = Send-CapMonsterReport -TaskId 3000000001 -Kind $kind -ApiKey (ConvertTo-TestSecureString $key) -MaximumRetryCount 0 -ErrorAction SilentlyContinue -ErrorVariable err
            $out | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be "$Code,CapMonster.Commands.SendCapMonsterReportCommand"
            $err[0].CategoryInfo.Category | Should -Be $entry.Category
            $err[0].ErrorDetails.RecommendedAction | Should -Be $entry.RecommendedAction
            $err[0].TargetObject | Should -Be 3000000001
            $err[0].Exception.TaskId | Should -Be 3000000001
            $err[0].Exception.HttpStatus | Should -Be $status
        }
    }

    It 'keeps a code the catalog does not know, with the server''s words' {
        $key = New-EmulatorKey
        Add-EmulatorScenario -Key $key -Method getBalance -Kind error -With @{ errorCode = 'ERROR_FROM_THE_FUTURE'; errorDescription = 'Something new happened' }
        $e = { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key) -MaximumRetryCount 0 } |
            Should -Throw -ErrorId 'ERROR_FROM_THE_FUTURE,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'NotSpecified'
        $e.ErrorDetails.Message | Should -Be 'ERROR_FROM_THE_FUTURE: Something new happened'
        $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }
}

Describe 'Answers that are not API errors' {
    BeforeAll { $key = New-EmulatorKey; $secure = ConvertTo-TestSecureString $key }

    # That it is retried first (with a warning each time) is xunit's, with a clock that does not wait.
    It 'an HTML 502 page is an HttpError reported with the page''s start' {
        Add-EmulatorScenario -Key $key -Method getBalance -Kind html
        $e = { Get-CapMonsterBalance -ApiKey $secure -MaximumRetryCount 0 } | Should -Throw -ErrorId 'HttpError,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $e.ErrorDetails.Message | Should -Match 'HTTP 502'
        $e.ErrorDetails.Message | Should -Match '<'
        $e.Exception | Should -BeOfType ([CapMonster.CapMonsterConnectionException])
    }

    It 'an empty body is InvalidResponse' {
        Add-EmulatorScenario -Key $key -Method getBalance -Kind empty
        $e = { Get-CapMonsterBalance -ApiKey $secure -MaximumRetryCount 0 } | Should -Throw -ErrorId 'InvalidResponse,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidResult'
        $e.ErrorDetails.Message | Should -Match 'empty'
    }

    It 'truncated JSON is InvalidResponse' {
        Add-EmulatorScenario -Key $key -Method getBalance -Kind truncated
        $e = { Get-CapMonsterBalance -ApiKey $secure -MaximumRetryCount 0 } | Should -Throw -ErrorId 'InvalidResponse,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidResult'
        $e.ErrorDetails.Message | Should -Match 'not JSON'
    }

    It 'a response slower than -TimeoutSec is RequestTimeout (OperationTimeout), not a cancellation' {
        Add-EmulatorScenario -Key $key -Method getBalance -Kind slow -With @{ delayMs = 2500 }
        $e = { Get-CapMonsterBalance -ApiKey $secure -MaximumRetryCount 0 -TimeoutSec 1 } | Should -Throw -ErrorId 'RequestTimeout,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $e.ErrorDetails.Message | Should -Match 'getBalance'
    }

    It 'a connection closed mid-response is ConnectionFailed' {
        Add-EmulatorScenario -Key $key -Method getBalance -Kind abort
        $e = { Get-CapMonsterBalance -ApiKey $secure -MaximumRetryCount 0 } | Should -Throw -ErrorId 'ConnectionFailed,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'a refused connection is ConnectionFailed' {
        $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()   # a port nothing listens on
        $e = { Get-CapMonsterBalance -ApiKey $secure -ServiceUri "http://127.0.0.1:$port" -MaximumRetryCount 0 } | Should -Throw -ErrorId 'ConnectionFailed,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'ConnectionError'
    }
}

Describe 'Retries' {
    It 'retries ERROR_NO_SLOT_AVAILABLE with a warning each time, as the request log shows' -Tag Slow {
        $key = New-EmulatorKey -Balance 7
        Add-EmulatorScenario -Key $key -Method getBalance -Kind error -Count 2 -With @{ errorCode = 'ERROR_NO_SLOT_AVAILABLE' }
        $balance = Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key) -RetryIntervalSec 1 -WarningVariable warnings -WarningAction SilentlyContinue
        $balance | Should -Be 7
        $warnings.Count | Should -Be 2
        "$($warnings[0])" | Should -Match 'in 1[.,]\d s'   # -RetryIntervalSec, not the catalog's 10 s
        "$($warnings[0])" | Should -Match 'getBalance.*ERROR_NO_SLOT_AVAILABLE|ERROR_NO_SLOT_AVAILABLE.*getBalance|getBalance'
        (Get-EmulatorLog -Key $key -Method getBalance).Count | Should -Be 3
    }

    It 'stops after -MaximumRetryCount and reports the last failure' -Tag Slow {
        $key = New-EmulatorKey
        Add-EmulatorScenario -Key $key -Method getBalance -Kind http -Count 5 -With @{ httpStatus = 500; body = 'Internal error' }
        { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key) -MaximumRetryCount 2 -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'HttpError,*'
        (Get-EmulatorLog -Key $key -Method getBalance).Count | Should -Be 3
    }

    It 'waits the catalog''s delay unless -RetryIntervalSec says otherwise, and a session keeps it' {
        $key = New-EmulatorKey -Balance 4
        Add-EmulatorScenario -Key $key -Method getBalance -Kind error -Count 1 -With @{ errorCode = 'ERROR_NO_SLOT_AVAILABLE' }
        $info = Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $key) -RetryIntervalSec 1 -PassThru
        try {
            $info.RetryIntervalSec | Should -Be 1
            ($info | Format-List | Out-String) | Should -Match 'RetryIntervalSec'
            Get-CapMonsterBalance -WarningVariable warnings -WarningAction SilentlyContinue | Should -Be 4
            "$($warnings[0])" | Should -Match 'in 1[.,]\d s'
        } finally { Disconnect-CapMonster }
        (Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $key) -PassThru).RetryIntervalSec | Should -BeNullOrEmpty
        Disconnect-CapMonster
        Add-EmulatorScenario -Key $key -Method getBalance -Kind error -Count 1 -With @{ errorCode = 'ERROR_NO_SLOT_AVAILABLE' }
        $e = { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $key) -MaximumRetryCount 0 } | Should -Throw -PassThru
        $e.Exception.Entry.RetryDelay.TotalSeconds | Should -Be 10   # what the pause would have been, from the catalog
    }

    It 'never retries what repeating cannot fix (ERROR_KEY_DOES_NOT_EXIST)' {
        $e = { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString 'not-a-registered-key-0000000000') } | Should -Throw -ErrorId 'ERROR_KEY_DOES_NOT_EXIST,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        (Get-EmulatorLog -Key 'not-a-registered-key-0000000000' -Method getBalance).Count | Should -Be 1
    }
}

Describe 'Where the key comes from' {
    BeforeAll {
        $fromEnvironment = New-EmulatorKey -Balance 1
        $fromSession = New-EmulatorKey -Balance 2
        $fromParameter = New-EmulatorKey -Balance 3
    }
    AfterEach {
        Disconnect-CapMonster
        Remove-Item Env:CAPMONSTER_API_KEY -ErrorAction Ignore
    }

    It 'takes the parameter first, then the session, then the environment' {
        $env:CAPMONSTER_API_KEY = $fromEnvironment
        Get-CapMonsterBalance | Should -Be 1
        Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $fromSession)
        Get-CapMonsterBalance | Should -Be 2
        Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $fromParameter) | Should -Be 3
        Disconnect-CapMonster
        Get-CapMonsterBalance | Should -Be 1
    }

    It 'without any key, stops with NoApiKey (AuthenticationError) saying where a key can come from' {
        $e = { Get-CapMonsterBalance } | Should -Throw -ErrorId 'NoApiKey,CapMonster.Commands.GetCapMonsterBalanceCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        foreach ($source in '-ApiKey', 'Connect-CapMonster', 'CAPMONSTER_API_KEY') { $e.ErrorDetails.Message | Should -Match ([regex]::Escape($source)) }
    }

    It 'keeps the session''s service URI and settings, and -PassThru shows them without the key' {
        $info = Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $fromSession) -ServiceUri $emulator -TimeoutSec 12 -MaximumRetryCount 1 -PassThru
        $info | Should -BeOfType ([CapMonster.ConnectionInfo])
        $info.ServiceUri | Should -Be "$emulator/"
        $info.TimeoutSec | Should -Be 12
        $info.MaximumRetryCount | Should -Be 1
        ($info | Format-Table | Out-String) | Should -Not -Match $fromSession
        Get-CapMonsterBalance | Should -Be 2
        # A new Connect-CapMonster starts afresh: nothing of the previous session carries over.
        $again = Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $fromParameter) -PassThru
        $again.TimeoutSec, $again.MaximumRetryCount | Should -Be 30, 3
        Get-CapMonsterBalance | Should -Be 3
    }

    It 'refuses plain http to anything but a loopback address, before sending anything' -ForEach @(
        @{ Uri = 'http://api.capmonster.cloud' }, @{ Uri = 'http://192.0.2.1:8080' }, @{ Uri = 'ftp://127.0.0.1/' }) {
        $e = { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $fromParameter) -ServiceUri $Uri } |
            Should -Throw -ErrorId 'InsecureServiceUri,*' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        { Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $fromParameter) -ServiceUri $Uri } | Should -Throw -ErrorId 'InsecureServiceUri,*'
    }

    It 'refuses a service URI with a user name or password without showing them' -ForEach @(
        @{ Uri = 'https://admin:Pa55word@api.capmonster.cloud/' }, @{ Uri = 'http://Pa55word@127.0.0.1:9/' }) {
        foreach ($call in { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $fromParameter) -ServiceUri $Uri },
                          { Connect-CapMonster -ApiKey (ConvertTo-TestSecureString $fromParameter) -ServiceUri $Uri -PassThru }) {
            $e = $call | Should -Throw -ErrorId 'InsecureServiceUri,*' -PassThru
            "$($e.ErrorDetails.Message) $($e.TargetObject) $($e.Exception.Message)" | Should -Not -Match 'Pa55word'
            $e.ErrorDetails.Message | Should -Match '\*\*\*@'
        }
    }

    It 'refuses an insecure CAPMONSTER_SERVICE_URI too' {
        $saved = $env:CAPMONSTER_SERVICE_URI
        try {
            $env:CAPMONSTER_SERVICE_URI = 'http://example.com'
            { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString $fromParameter) } | Should -Throw -ErrorId 'InsecureServiceUri,*'
        } finally { $env:CAPMONSTER_SERVICE_URI = $saved }
    }
}

Describe 'The web proxy' {
    BeforeAll { $secure = ConvertTo-TestSecureString (New-EmulatorKey) }
    AfterEach { Disconnect-CapMonster }

    It 'refuses <Proxy> at Connect-CapMonster and on a call, before sending anything' -ForEach @(
        @{ Proxy = 'proxy.corp:8080'; Says = 'http://proxy.contoso.com:8080' }
        @{ Proxy = 'not a proxy'; Says = 'http://proxy.contoso.com:8080' }
        @{ Proxy = 'ftp://127.0.0.1:21'; Says = 'socks5' }
        @{ Proxy = 'http://user:Pr0xyPass@127.0.0.1:3128'; Says = '-WebProxyCredential' }) {
        foreach ($call in { Connect-CapMonster -ApiKey $secure -WebProxy $Proxy }, { Get-CapMonsterBalance -ApiKey $secure -WebProxy $Proxy }) {
            $e = $call | Should -Throw -ErrorId 'InvalidWebProxy,*' -PassThru
            $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $e.ErrorDetails.Message | Should -Match ([regex]::Escape($Says))
            "$($e.ErrorDetails.Message) $($e.TargetObject)" | Should -Not -Match 'Pr0xyPass'
        }
    }

    It 'refuses -WebProxyCredential without -WebProxy instead of ignoring it' {
        $credential = [pscredential]::new('user', (ConvertTo-TestSecureString 'Pr0xyPass'))
        { Connect-CapMonster -ApiKey $secure -WebProxyCredential $credential } | Should -Throw -ErrorId 'InvalidWebProxy,*'
        { Get-CapMonsterBalance -ApiKey $secure -WebProxyCredential $credential } | Should -Throw -ErrorId 'InvalidWebProxy,*'
        # With the proxy kept by the session, the credential alone is fine.
        $info = Connect-CapMonster -ApiKey $secure -WebProxy "http://127.0.0.1:$(Get-ClosedPort)" -PassThru
        $info.WebProxy | Should -Not -BeNullOrEmpty
    }

    It 'names the web proxy when the connection to it fails' {
        $proxy = "http://127.0.0.1:$(Get-ClosedPort)/"
        $e = { Get-CapMonsterBalance -ApiKey $secure -WebProxy $proxy -MaximumRetryCount 0 } | Should -Throw -ErrorId 'ConnectionFailed,*' -PassThru
        $e.ErrorDetails.Message | Should -Match ([regex]::Escape("web proxy $proxy"))
    }
}

Describe 'Redirects' {
    It 'refuses a redirect to another port with UnsafeRedirect naming it, and sends nothing there' {
        $elsewhere = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0); $elsewhere.Start()
        $target = "http://127.0.0.1:$($elsewhere.LocalEndpoint.Port)/getBalance"
        $service = Start-RedirectingService -Location $target
        try {
            $e = { Get-CapMonsterBalance -ApiKey (ConvertTo-TestSecureString (New-EmulatorKey)) -ServiceUri $service.Uri } |
                Should -Throw -ErrorId 'UnsafeRedirect,*' -PassThru
            $e.CategoryInfo.Category | Should -Be 'SecurityError'
            $e.ErrorDetails.Message | Should -Match ([regex]::Escape($target))
            $elsewhere.Pending() | Should -BeFalse
        } finally {
            $elsewhere.Stop()
            Stop-RedirectingService $service
        }
    }
}

Describe 'The key is never shown' {
    It 'appears in none of the six streams nor the transcript with verbose and debug lines on, failures and retries included' -Tag Slow {
        $key = New-EmulatorKey
        $suffixed = "${key}__nocache"
        Add-EmulatorScenario -Key $key -Method getBalance -Kind http -Count 1 -With @{ httpStatus = 503; body = 'busy' }
        Add-EmulatorScenario -Key $key -Method reportIncorrectImageCaptcha -Kind error -With @{ errorCode = 'ERROR_NO_SUCH_CAPCHA_ID'; errorDescription = "No task for key $key" }
        $transcriptPath = Join-Path $TestDrive 'transcript.txt'
        $result = Invoke-InChildPwsh -ArgumentList $suffixed, $emulator, $transcriptPath -ScriptBlock {
            param($key, $uri, $transcriptPath)
            $DebugPreference = 'Continue'; $VerbosePreference = 'Continue'; $InformationPreference = 'Continue'
            $ErrorActionPreference = 'Continue'
            # Not -Debug: on a compiled cmdlet it asks before each warning, which fails here (about_CapMonster).
            $null = Start-Transcript -Path $transcriptPath
            $secure = ConvertTo-SecureString $key -AsPlainText -Force
            & {
                Connect-CapMonster -ApiKey $secure -ServiceUri $uri -PassThru -Verbose
                Get-CapMonsterBalance -Verbose
                Send-CapMonsterReport -TaskId 3000000001 -Kind Image -Verbose
                Send-CapMonsterReport -TaskId 3000000002 -Kind Token -WhatIf -Verbose
                New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -ApiKey $secure -WhatIf -Verbose
                Invoke-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -ApiKey $secure -Verbose
                Get-CapMonsterBalance -ApiKey $secure -Minimum 1000000 -Verbose
            } *>&1 | ForEach-Object { $_; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.ErrorDetails; $_.Exception.Message; $_.TargetObject; $_.Exception.ServerDescription } } |
                Tee-Object -Variable all | Out-Host   # to the host as well, so the transcript records it
            $null = Stop-Transcript
            [pscustomobject]@{ Text = ($all | Out-String -Width 500); Error = ($Error | Out-String -Width 500); Count = @($all).Count; Balance = @($all | Where-Object { $_ -is [decimal] }) }
        }
        $transcript = Get-Content -Raw $transcriptPath
        foreach ($text in $result.Text, $result.Error, $transcript) {
            $text | Should -Not -BeNullOrEmpty
            $text | Should -Not -Match $key
        }
        $result.Text | Should -Match '"clientKey":"\*\*\*"'
        $result.Text | Should -Match 'Retrying getBalance'
        $result.Balance | Should -Contain 100 -Because 'the retried getBalance returns the balance (the key has 100)'
        $result.Text | Should -Match 'getTaskResult'
        $transcript | Should -Match '"clientKey":"\*\*\*","task"'   # the -WhatIf of New-CapMonsterTask
        $result.Text | Should -Match 'ERROR_NO_SUCH_CAPCHA_ID|CAPTCHA ID'
        $transcript | Should -Match 'getBalance'
    }

    It 'masks the proxy password of a raw task kept as an error''s target, and of a -Proxy in a message' {
        $secure = ConvertTo-TestSecureString (New-EmulatorKey)
        $task = @{ type = 'RecaptchaV2Task'; websiteURL = 'https://example.com/'; proxyType = 'http'; proxyAddress = '203.0.113.10'; proxyPort = 8080; proxyLogin = 'me'; proxyPassword = 'Pr0xyPass' }
        New-CapMonsterTask -Task $task -ApiKey $secure -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].TargetObject.proxyPassword | Should -Be '***'
        $err[0].TargetObject.proxyLogin | Should -Be 'me'
        $task.proxyPassword | Should -Be 'Pr0xyPass'   # the caller's own hashtable is left alone
        New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -Proxy 'socks5://u:Pr0xyPass@1.2.3.4' -ApiKey $secure -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        "$($err[0].ErrorDetails.Message) $($err[0].Exception.Message) $($err[0].TargetObject)" | Should -Not -Match 'Pr0xyPass'
    }
}

Describe 'Runspaces' {
    It 'gives twenty parallel runspaces with different keys their own answers' {
        $keys = 1..20 | ForEach-Object { New-EmulatorKey -Balance $_ }
        $modulePath = Get-TestModulePath
        $results = 1..20 | ForEach-Object -ThrottleLimit 20 -Parallel {
            Import-Module $using:modulePath
            $key = ($using:keys)[$_ - 1]
            $secure = ConvertTo-SecureString $key -AsPlainText -Force
            # Half through the session, half through the parameter: sessions are per runspace.
            $balance = if ($_ % 2) { Connect-CapMonster -ApiKey $secure -ServiceUri $using:emulator; Get-CapMonsterBalance } else { Get-CapMonsterBalance -ApiKey $secure -ServiceUri $using:emulator }
            [pscustomobject]@{ Index = $_; Balance = $balance }
        }
        $results.Count | Should -Be 20
        foreach ($r in $results) { $r.Balance | Should -Be $r.Index }
        { Get-CapMonsterBalance } | Should -Throw -ErrorId 'NoApiKey,*'   # none of those sessions leaked here
    }
}

Describe 'Get-CapMonsterUserAgent' {
    It 'returns the user agent the service wants, without needing a key' {
        $expected = (Invoke-WebRequest -Uri "$emulator/api/useragent/actual").Content.Trim()
        $ua = Get-CapMonsterUserAgent
        $ua | Should -BeOfType [string]
        $ua | Should -Be $expected
        $ua | Should -Match 'Windows'
    }
}

Describe 'Send-CapMonsterReport' {
    BeforeAll {
        $key = New-EmulatorKey
        $secure = ConvertTo-TestSecureString $key
        # A task solved at once, created and fetched with plain REST calls: task cmdlets are not under test here.
        function New-SolvedTask([string] $Type) {
            Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 0 }
            $task = $Type -eq 'ImageToTextTask' ? @{ type = $Type; body = [Convert]::ToBase64String([byte[]] (1..200)) } : @{ type = $Type; websiteURL = 'https://example.com/'; websiteKey = '6Le-test-key' }
            $taskId = (Invoke-RestMethod -Method Post -Uri "$emulator/createTask" -Body (@{ clientKey = $key; task = $task } | ConvertTo-Json)).taskId
            $result = Invoke-RestMethod -Method Post -Uri "$emulator/getTaskResult" -Body (@{ clientKey = $key; taskId = $taskId } | ConvertTo-Json)
            $result.status | Should -Be 'ready'
            return $taskId
        }
    }

    It 'reports an image task to reportIncorrectImageCaptcha and a token task to reportIncorrectTokenCaptcha' {
        $image = New-SolvedTask ImageToTextTask
        $token = New-SolvedTask RecaptchaV2Task
        $r1 = Send-CapMonsterReport -TaskId $image -Kind Image -ApiKey $secure
        $r2 = Send-CapMonsterReport $token Token -ApiKey $secure
        $r1 | Should -BeOfType ([CapMonster.ReportResult])
        $r1.Status, $r2.Status | Should -Be 'success', 'success'
        (Get-EmulatorLog -Key $key -Method reportIncorrectImageCaptcha).taskId | Should -Be $image
        (Get-EmulatorLog -Key $key -Method reportIncorrectTokenCaptcha).taskId | Should -Be $token
    }

    It 'takes tasks from the pipeline, the kind from their Type' {
        $image = New-SolvedTask ImageToTextTask
        $token = New-SolvedTask RecaptchaV2Task
        $results = [pscustomobject]@{ TaskId = $image; Type = 'ImageToText' }, [pscustomobject]@{ TaskId = $token; Type = 'RecaptchaV2' } |
            Send-CapMonsterReport -ApiKey $secure
        $results.Kind | Should -Be 'Image', 'Token'
        ($results | Format-Table | Out-String) | Should -Match 'TaskId\s+Kind\s+Status'
    }

    It 'writes ReportKindUnknown for a task of unknown kind and goes on with the rest' {
        $token = New-SolvedTask RecaptchaV2Task
        $out = [pscustomobject]@{ TaskId = 5 }, [pscustomobject]@{ TaskId = $token; Type = 'Turnstile' } |
            Send-CapMonsterReport -ApiKey $secure -ErrorAction SilentlyContinue -ErrorVariable err
        $out.TaskId | Should -Be $token
        $err[0].FullyQualifiedErrorId | Should -Be 'ReportKindUnknown,CapMonster.Commands.SendCapMonsterReportCommand'
        $err[0].TargetObject | Should -Be 5
    }

    It 'sends nothing under -WhatIf' {
        $before = (Get-EmulatorLog -Key $key).Count
        Send-CapMonsterReport -TaskId 3000000009 -Kind Token -ApiKey $secure -WhatIf | Should -BeNullOrEmpty
        (Get-EmulatorLog -Key $key).Count | Should -Be $before
    }
}
