# Creating, checking, polling and waiting, against the emulator; polling measured from its request log.
BeforeDiscovery {
    # Every type with nothing but -Type: each must name a required field, before anything is sent.
    $script:typeNames = 'ImageToText', 'RecaptchaV2', 'RecaptchaV2Enterprise', 'RecaptchaV3', 'RecaptchaV3Enterprise', 'HCaptcha',
        'FunCaptcha', 'GeeTest', 'Turnstile', 'ComplexImageRecaptcha', 'ComplexImageHCaptcha', 'ComplexImageFunCaptcha',
        'ComplexImageRecognition', 'Amazon', 'Binance', 'Prosopo', 'MTCaptcha', 'Yidun', 'DataDome', 'TenDI', 'Basilisk',
        'Imperva', 'Temu', 'Castle', 'Tspd', 'Hunt', 'Altcha', 'Alibaba'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $emulator = Get-TestEmulatorUri
    $env:CAPMONSTER_SERVICE_URI = $emulator
    $png = [byte[]] (1..300 | ForEach-Object { $_ % 256 })

    function Get-Polls([string] $Key, [long] $TaskId) { Get-EmulatorLog -Key $Key -Method getTaskResult -TaskId $TaskId }
    # The log's times are ISO-8601; ConvertFrom-Json has already made them DateTime values.
    # What -WhatIf writes goes to the host, not to a stream: a transcript catches it.
    function Get-HostText([scriptblock] $ScriptBlock) {
        $path = Join-Path $TestDrive "host-$([guid]::NewGuid()).txt"
        $null = Start-Transcript -Path $path
        try { $null = & $ScriptBlock } finally { $null = Stop-Transcript }
        Get-Content -Raw $path
    }
    function Get-Seconds($Entries) { @($Entries | ForEach-Object { [datetimeoffset] $_.time }) }
}

AfterAll {
    Remove-Item Env:CAPMONSTER_SERVICE_URI, Env:CAPMONSTER_API_KEY -ErrorAction Ignore
}

Describe 'Checked before money is spent' {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
        $before = { @(Get-EmulatorLog -Key $key -Method createTask).Count }
    }

    It '<_> without its fields names what is missing, and sends nothing' -ForEach $typeNames {
        $count = & $before
        $out = New-CapMonsterTask -Type $_ -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'MissingTaskField,CapMonster.Commands.NewCapMonsterTaskCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ErrorDetails.Message | Should -Match "$_.* -\w+"
        (& $before) | Should -Be $count
    }

    It 'refuses a field the type does not take' {
        New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -MinScore 0.5 -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedTaskField,*'
        $err[0].ErrorDetails.Message | Should -Match '-MinScore'
    }

    It 'refuses a minScore outside 0.1..0.9 at binding' {
        { New-CapMonsterTask -Type RecaptchaV3 -WebsiteUrl https://example.com/ -WebsiteKey k -MinScore 0.95 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,CapMonster.Commands.NewCapMonsterTaskCommand'
    }

    It 'raises the catalog''s <Code> locally for <What>' -ForEach @(
        @{ What = 'a URL that is not http or https'; Code = 'ERROR_RECAPTCHA_INVALID_DOMAIN'; Params = @{ Type = 'RecaptchaV2'; WebsiteUrl = 'ftp://example.com/'; WebsiteKey = 'k' } }
        @{ What = 'an image under 100 bytes'; Code = 'ERROR_ZERO_CAPTCHA_FILESIZE'; Params = @{ Type = 'ImageToText'; Image = [byte[]] (1..99) } }
        @{ What = 'an image over 50,000 bytes'; Code = 'ERROR_TOO_BIG_CAPTCHA_FILESIZE'; Params = @{ Type = 'ImageToText'; Image = [byte[]]::new(50001) } }
        @{ What = 'a proxy without its port'; Code = 'ERROR_PROXY_MISSING'; Params = @{ Type = 'RecaptchaV2'; WebsiteUrl = 'https://example.com/'; WebsiteKey = 'k'; ProxyType = 'http'; ProxyAddress = '203.0.113.10' } }
        @{ What = 'a type that needs a proxy, without one'; Code = 'ERROR_PROXY_MISSING'; Params = @{ Type = 'Hunt'; WebsiteUrl = 'https://example.com/'; ApiGetLib = 'https://example.com/api.js' } }
        @{ What = 'a required proxy without login'; Code = 'ERROR_PROXY_MISSING'; Params = @{ Type = 'Hunt'; WebsiteUrl = 'https://example.com/'; ApiGetLib = 'https://example.com/api.js'; Proxy = 'http://203.0.113.10:8080' } }
    ) {
        $count = & $before
        New-CapMonsterTask @Params -ErrorAction SilentlyContinue -ErrorVariable err
        $entry = Resolve-CapMonsterError -Code $Code
        $err[0].FullyQualifiedErrorId | Should -Be "$Code,CapMonster.Commands.NewCapMonsterTaskCommand"
        $err[0].CategoryInfo.Category | Should -Be $entry.Category
        $err[0].ErrorDetails.RecommendedAction | Should -Be $entry.RecommendedAction
        (& $before) | Should -Be $count
    }

    It 'refuses <What>' -ForEach @(
        @{ What = 'a proxy host name'; Id = 'InvalidTaskField'; Params = @{ Proxy = 'socks5://u:p@proxy.example.com:1080' } }
        @{ What = 'a private proxy address'; Id = 'InvalidTaskField'; Params = @{ Proxy = 'http://u:p@192.168.1.10:3128' } }
        @{ What = 'a proxy URI that is not one'; Id = 'InvalidTaskField'; Params = @{ Proxy = 'not a proxy' } }
        @{ What = 'a proxy scheme the API does not know'; Id = 'ERROR_PROXY_MISSING'; Params = @{ Proxy = 'ftp://u:p@203.0.113.10:21' } }
    ) {
        New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k @Params -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }

    It 'refuses a proxy for a type that takes none' {
        New-CapMonsterTask -Type RecaptchaV3 -WebsiteUrl https://example.com/ -WebsiteKey k -Proxy 'http://u:p@203.0.113.10:80' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedTaskField,*'
    }

    It 'refuses an unknown type, pointing to -Task' {
        New-CapMonsterTask -Type NoSuchCaptcha -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnknownTaskType,*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match '-Task'
    }

    It 'reads the proxy from -Proxy' {
        $task = New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -Proxy 'socks5://us%40er:p%3Ass@203.0.113.10:1080'
        $sent = (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task
        $sent.proxyType, $sent.proxyAddress, $sent.proxyPort, $sent.proxyLogin, $sent.proxyPassword | Should -Be 'socks5', '203.0.113.10', 1080, 'us@er', '***'
    }

    It 'shows the JSON under -WhatIf, key and proxy password hidden, and sends nothing' {
        $count = & $before
        $whatIf = Get-HostText { New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -Proxy 'http://login:hunter2@203.0.113.10:8080' -WhatIf }
        $whatIf | Should -Match '"clientKey":"\*\*\*"'
        $whatIf | Should -Match '"type":"RecaptchaV2Task"'
        $whatIf | Should -Match '"proxyPassword":"\*\*\*"'
        $whatIf | Should -Not -Match 'hunter2'
        $whatIf | Should -Not -Match $key
        (& $before) | Should -Be $count
    }

    It 'shortens an image in -WhatIf rather than printing 50,000 characters' {
        $whatIf = Get-HostText { New-CapMonsterTask -Type ImageToText -Image ([byte[]]::new(30000)) -WhatIf }
        $whatIf | Should -Match '"body":"A{60}…\(40,000 chars\)"'
    }
}

Describe 'Images' {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'captchas')
        foreach ($i in 1..3) { [IO.File]::WriteAllBytes((Join-Path $folder "c$i.png"), [byte[]] (1..(150 + $i))) }
    }

    It 'makes one ImageToText task per file piped from Get-ChildItem' {
        $tasks = Get-ChildItem $folder -Filter *.png | New-CapMonsterTask -Type ImageToText
        $tasks.Count | Should -Be 3
        $bodies = $tasks | ForEach-Object { (Get-EmulatorLog -Key $key -Method createTask -TaskId $_.TaskId).body.task.body }
        $bodies | Should -Be (1..3 | ForEach-Object { [Convert]::ToBase64String([byte[]] (1..(150 + $_))) })
    }

    It 'sends several files as the images of one ComplexImage task' {
        $task = New-CapMonsterTask -Type ComplexImageRecognition -Path (Join-Path $folder c1.png), (Join-Path $folder c2.png) -Metadata @{ Task = 'oocl_rotate_new' }
        $sent = (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task
        $sent.imagesBase64.Count | Should -Be 2
    }

    It 'writes ImageFileNotFound for a missing file' {
        New-CapMonsterTask -Type ImageToText -Path (Join-Path $TestDrive 'none.png') -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImageFileNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'takes one image source only' {
        New-CapMonsterTask -Type ImageToText -Image $png -Body 'AAAA' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTaskField,*'
    }
}

Describe 'Getting results' {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
    }

    It 'Get-CapMonsterTaskResult polls once: processing, then ready' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 1500 }
        $task = New-CapMonsterTask -Type ImageToText -Image $png
        $first = $task | Get-CapMonsterTaskResult
        $first.Status | Should -Be 'processing'
        $first.Solution | Should -BeNullOrEmpty
        Start-Sleep -Milliseconds 1700
        $second = Get-CapMonsterTaskResult -TaskId $task.TaskId -Type ImageToText
        $second.Status | Should -Be 'ready'
        $second.Text | Should -Not -BeNullOrEmpty
        $second.Text | Should -Be $second.Answer
        (Get-Polls $key $task.TaskId).Count | Should -Be 2
    }

    It 'polls first after the type''s earliest solve time, then every 2 s' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 4500 }
        $task = New-CapMonsterTask -Type ImageToText -Image $png
        $result = $task | Wait-CapMonsterTask
        $result.Status | Should -Be 'ready'
        $created = [datetimeoffset] (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).time
        $times = Get-Seconds (Get-Polls $key $task.TaskId)
        $times.Count | Should -Be 4                               # 0.35, 2.35, 4.35 (not yet), 6.35 s
        ($times[0] - $created).TotalSeconds | Should -BeGreaterOrEqual 0.3
        ($times[0] - $created).TotalSeconds | Should -BeLessThan 1.0
        foreach ($i in 1..3) { ($times[$i] - $times[$i - 1]).TotalSeconds | Should -BeGreaterOrEqual 1.9 }
        $result.Polls | Should -Be 4
    }

    It 'keeps polling through HTTP 503' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 0 }
        Add-EmulatorScenario -Key $key -Method getTaskResult -Kind http -Count 2 -With @{ httpStatus = 503; body = 'Service busy' }
        $result = New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k | Wait-CapMonsterTask -PollIntervalSec 0.2
        $result.Status | Should -Be 'ready'
        @(Get-Polls $key $result.TaskId).httpStatus | Should -Be 503, 503, 200
    }

    It 'slows a task down on ERROR_TOO_MUCH_REQUESTS instead of failing it' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 0 }
        Add-EmulatorScenario -Key $key -Method getTaskResult -Kind error -With @{ errorCode = 'ERROR_TOO_MUCH_REQUESTS'; httpStatus = 429 }
        $result = New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k | Wait-CapMonsterTask -PollIntervalSec 0.5
        $result.Status | Should -Be 'ready'
        $polls = Get-Polls $key $result.TaskId
        $polls.errorCode[0] | Should -Be 'ERROR_TOO_MUCH_REQUESTS'
        $times = Get-Seconds $polls
        ($times[1] - $times[0]).TotalSeconds | Should -BeGreaterOrEqual 1.9   # slowed from 0.5 s to 2 s
    }

    It 'never makes more than 120 result requests for a task' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 600000 }
        $task = New-CapMonsterTask -Type ImageToText -Image $png
        $task | Wait-CapMonsterTask -PollIntervalSec 0.2 -WaitTimeoutSec 300 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'PollLimitReached,CapMonster.Commands.WaitCapMonsterTaskCommand'
        $err[0].TargetObject.TaskId | Should -Be $task.TaskId
        (Get-Polls $key $task.TaskId).Count | Should -Be 120
    }

    It 'ends a wait with TaskTimeout, saying the result can still be fetched' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 600000 }
        $task = New-CapMonsterTask -Type ImageToText -Image $png
        $task | Wait-CapMonsterTask -WaitTimeoutSec 2 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'TaskTimeout,CapMonster.Commands.WaitCapMonsterTaskCommand'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err[0].ErrorDetails.Message | Should -Match "$($task.TaskId)"
        $err[0].ErrorDetails.Message | Should -Match '5 minutes'
        $err[0].Exception | Should -BeOfType ([CapMonster.CapMonsterTaskException])
    }

    It 'applies Get-CapMonsterTaskResult -TimeoutSec to the task''s own connection' {
        $other = New-EmulatorKey
        # Created with no retries, so the one slow answer is the whole story.
        $task = New-CapMonsterTask -Type ImageToText -Image $png -ApiKey (ConvertTo-TestSecureString $other) -MaximumRetryCount 0
        Add-EmulatorScenario -Key $other -Method getTaskResult -Kind slow -With @{ delayMs = 2500 }
        $task | Get-CapMonsterTaskResult -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'RequestTimeout,CapMonster.Commands.GetCapMonsterTaskResultCommand'
    }

    It 'uses the key the task was created with' {
        $other = New-EmulatorKey
        $task = New-CapMonsterTask -Type ImageToText -Image $png -ApiKey (ConvertTo-TestSecureString $other)
        ($task | Wait-CapMonsterTask).Status | Should -Be 'ready'
        (Get-Polls $other $task.TaskId).Count | Should -BeGreaterThan 0
    }

    It 'hands a result on to Send-CapMonsterReport, which picks the report method from the type' {
        $result = Invoke-CapMonsterTask -Type ImageToText -Image $png
        $report = $result | Send-CapMonsterReport
        $report.Kind | Should -Be 'Image'
        (Get-EmulatorLog -Key $key -Method reportIncorrectImageCaptcha).taskId | Should -Contain $result.TaskId
    }
}

Describe 'Many tasks at once' {
    BeforeAll {
        $key = New-EmulatorKey -Balance 1000
        $env:CAPMONSTER_API_KEY = $key
        $saved = Set-CapMonsterEmulatorLatency $emulator 300 1000
    }
    AfterAll {
        $null = Set-CapMonsterEmulatorLatency $emulator $saved.Min $saved.Max
    }

    It 'waits on 200 tasks of 1-3 s through one pipeline in about the slowest one''s time, not the sum' {
        $null = Set-CapMonsterEmulatorLatency $emulator 1000 3000
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $results = 1..200 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://site$_.example.com/"; WebsiteKey = "key$_" } } |
            New-CapMonsterTask -Type Turnstile | Wait-CapMonsterTask
        $watch.Stop()
        $results.Count | Should -Be 200
        @($results.TaskId | Sort-Object -Unique).Count | Should -Be 200
        $results | ForEach-Object { $_.Status | Should -Be 'ready'; $_.Token | Should -Not -BeNullOrEmpty }
        # The sum would be about 400 s; the slowest task is ready after 3 s and polled at 1, 3 and 5 s.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        # Token tasks are polled at 1 s, then every 2 s: a task ready before 3 s needs at most 2 requests, so 3 at most.
        $polls = Get-EmulatorLog -Key $key -Method getTaskResult | Group-Object taskId
        $polls.Count | Should -Be 200
        ($polls | Measure-Object Count -Maximum).Maximum | Should -BeLessOrEqual 3
    }

    It 'accounts for every task of a batch with an unsolvable one and a timeout among successes' {
        $null = Set-CapMonsterEmulatorLatency $emulator 300 800
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 300 }       # 1: fine
        Add-EmulatorScenario -Key $key -Method createTask -Kind unsolvable                               # 2
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 600000 }    # 3: never
        $inputs = 1..6 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://batch$_.example.com/"; WebsiteKey = "k$_" } }
        $results = $inputs | Invoke-CapMonsterTask -Type RecaptchaV2 -WaitTimeoutSec 4 -ThrottleLimit 1 -ErrorAction SilentlyContinue -ErrorVariable failures
        @($results).Count | Should -Be 4
        $failures.Count | Should -Be 2
        ($failures.FullyQualifiedErrorId | Sort-Object) | Should -Be 'ERROR_CAPTCHA_UNSOLVABLE,CapMonster.Commands.InvokeCapMonsterTaskCommand', 'TaskTimeout,CapMonster.Commands.InvokeCapMonsterTaskCommand'
        foreach ($failure in $failures) { $failure.TargetObject | Should -BeOfType ([CapMonster.CaptchaTask]) }
        @($results.TaskId) + @($failures.TargetObject.TaskId) | Sort-Object -Unique | Should -HaveCount 6
    }

    It 'Invoke-CapMonsterTask solves a CSV file''s rows concurrently, within -ThrottleLimit' {
        $csv = Join-Path $TestDrive 'sites.csv'
        1..20 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://csv$_.example.com/"; WebsiteKey = "6Lc$_" } } | Export-Csv $csv
        $results = Import-Csv $csv | Invoke-CapMonsterTask -Type RecaptchaV2 -ThrottleLimit 5
        $results.Count | Should -Be 20
        ($results.GRecaptchaResponse | Where-Object { $_ }).Count | Should -Be 20
    }

    It 'accounts for every task of the benchmark''s batch in small: 48 tasks over 8 runspaces, each result its own task''s' {
        $module = Get-TestModulePath
        $results = 0..7 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            $part = $_
            1..6 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://runspace$part-site$_.example.com/"; WebsiteKey = "key-$part-$_" } } |
                Invoke-CapMonsterTask -Type RecaptchaV2 |
                ForEach-Object { [pscustomobject]@{ TaskId = $_.TaskId; Token = $_.GRecaptchaResponse } }
        }
        $results.Count | Should -Be 48
        @($results.TaskId | Sort-Object -Unique).Count | Should -Be 48
        foreach ($result in $results) {
            (Invoke-RestMethod "$emulator/emulator/tasks/$($result.TaskId)").solution.gRecaptchaResponse | Should -Be $result.Token
        }
    }

    It 'creates nothing under -WhatIf' {
        $count = @(Get-EmulatorLog -Key $key -Method createTask).Count
        Invoke-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -WhatIf | Should -BeNullOrEmpty
        @(Get-EmulatorLog -Key $key -Method createTask).Count | Should -Be $count
    }

    It 'stops the whole call on an account error such as a zero balance' {
        $broke = New-EmulatorKey -Balance 0
        { 1..3 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://z$_.example.com/"; WebsiteKey = 'k' } } |
            Invoke-CapMonsterTask -Type RecaptchaV2 -ApiKey (ConvertTo-TestSecureString $broke) } |
            Should -Throw -ErrorId 'ERROR_ZERO_BALANCE,CapMonster.Commands.InvokeCapMonsterTaskCommand'
    }

    It 'shows progress while it waits' {
        # Progress cannot be redirected; a PowerShell instance of its own collects it.
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module)
                Import-Module $module
                1..5 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://p$_.example.com/"; WebsiteKey = 'k' } } |
                    Invoke-CapMonsterTask -Type RecaptchaV2
            }).AddArgument((Get-TestModulePath))
        $results = $ps.Invoke()
        $records = @($ps.Streams.Progress)
        $ps.Dispose()
        $results.Count | Should -Be 5
        $records | Should -Not -BeNullOrEmpty
        $records[-1].RecordType | Should -Be 'Completed'
        $records[-1].StatusDescription | Should -Match '5'
    }
}

Describe 'Ctrl+C' {
    It 'stops a wait at once' {
        $key = New-EmulatorKey
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 600000 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $uri, $key)
                Import-Module $module
                New-CapMonsterTask -Type ImageToText -Image ([byte[]] (1..250)) -ServiceUri $uri -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) |
                    Wait-CapMonsterTask -WaitTimeoutSec 300
            }).AddArgument((Get-TestModulePath)).AddArgument($emulator).AddArgument($key)
        $handle = $ps.BeginInvoke()
        Start-Sleep -Seconds 2
        # Count, not the items: enumerating a running PowerShell's stream blocks until the pipeline ends.
        $ps.Streams.Error.Count | Should -Be 0
        $handle.IsCompleted | Should -BeFalse
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
    }
}
