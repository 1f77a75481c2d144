# Hangs, lost tasks and faults: odd answers, bad values, calls that stop early, refused creations, a short soak
# under the emulator's fault mode. Each call runs in a PowerShell instance of its own with a wall-clock bound, so a
# hang fails the test instead of stalling the suite.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $emulator = Get-TestEmulatorUri
    $env:CAPMONSTER_SERVICE_URI = $emulator

    # Runs a script block with the module imported in a PowerShell instance of its own; fails after $Seconds.
    function Invoke-Bounded {
        param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [object[]] $ArgumentList = @(), [int] $Seconds = 60)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Get-TestModulePath)'; `$ProgressPreference = 'SilentlyContinue'").AddStatement().AddScript($ScriptBlock)
            foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            if (-not $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($Seconds))) {
                $ps.Stop()
                throw "Still running after $Seconds s: it hangs."
            }
            $thrown = $null
            try { $null = $ps.EndInvoke($handle) } catch { $thrown = $_.Exception.InnerException ?? $_.Exception }
            [pscustomobject]@{
                Output   = @($output)
                Errors   = @($ps.Streams.Error)
                Warnings = @($ps.Streams.Warning | ForEach-Object Message)
                Thrown   = $thrown
                Seconds  = $watch.Elapsed.TotalSeconds
            }
        } finally {
            $ps.Dispose()
        }
    }
    function New-Site([string] $Name) { [pscustomobject]@{ WebsiteUrl = "https://$Name.example.com/"; WebsiteKey = $Name } }
    function Get-CreatedTaskId([string] $Key) {
        @(Get-EmulatorLog -Key $Key -Method createTask | Where-Object { $_.taskId -and -not $_.errorCode } | ForEach-Object { [long] $_.taskId })
    }
}

AfterAll {
    Remove-Item Env:CAPMONSTER_SERVICE_URI, Env:CAPMONSTER_API_KEY -ErrorAction Ignore
}

Describe 'Odd answers never hang a wait' {
    BeforeEach {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
    }

    It 'gets past a ready answer whose solution is null or has an empty-named property; Get-CapMonsterTaskResult makes the null one a typed error' {
        Add-EmulatorScenario -Key $key -Method getTaskResult -Kind http -With @{ httpStatus = 200; body = '{"errorId":0,"status":"ready","solution":null}' }
        Add-EmulatorScenario -Key $key -Method getTaskResult -Kind http -With @{ httpStatus = 200; body = '{"errorId":0,"status":"ready","solution":{"":"x","text":"abc"}}' }
        Add-EmulatorScenario -Key $key -Method getTaskResult -Kind http -With @{ httpStatus = 200; body = '{"errorId":0,"status":"ready","solution":null}' }
        $run = Invoke-Bounded {
            New-CapMonsterTask -Type ImageToText -Image ([byte[]] (1..250)) | Get-CapMonsterTaskResult
            $tasks = 1..2 | ForEach-Object { New-CapMonsterTask -Type ImageToText -Image ([byte[]] (1..250)) }
            $tasks | Wait-CapMonsterTask -Ordered -WaitTimeoutSec 30
        }
        $run.Output.Count | Should -Be 2
        $run.Output | ForEach-Object { $_.Status | Should -Be 'ready' }
        # One task's first answer has the empty name; the other's is null, so it is asked again. Which task polls
        # first, and so takes which scripted answer, is a race.
        @($run.Output.Text) | Should -Contain 'abc'
        @($run.Output.Text | Where-Object { $_ -ne 'abc' }).Count | Should -Be 1
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidResponse,*'
    }

    It 'polls a task once even when the wait starts after its timeout, and gets its result' {
        $run = Invoke-Bounded {
            $task = New-CapMonsterTask -Type ImageToText -Image ([byte[]] (1..250))
            Start-Sleep -Seconds 2
            $task | Wait-CapMonsterTask -WaitTimeoutSec 1
        }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Status | Should -Be 'ready'
    }

    It 'stops at once on a task the service no longer knows and does not suggest fetching it' {
        $run = Invoke-Bounded { Wait-CapMonsterTask -TaskId 987654321012 -Type ImageToText -WaitTimeoutSec 60 } -Seconds 30
        $run.Seconds | Should -BeLessThan 15
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ERROR_NO_SUCH_CAPCHA_ID,*'
        $run.Errors[0].ErrorDetails.Message | Should -Match '987654321012'
        "$($run.Errors[0].ErrorDetails.Message) $($run.Errors[0].ErrorDetails.RecommendedAction)" | Should -Not -Match 'Get-CapMonsterTaskResult'
        @(Get-EmulatorLog -Key $key -Method getTaskResult).Count | Should -Be 1
    }
}

Describe 'Values JSON cannot hold' {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
    }

    It 'makes NaN, a hashtable that contains itself and a property that throws an InvalidTaskField error for that input alone, and the batch goes on with -ThrottleLimit 1' {
        $run = Invoke-Bounded {
            $throwing = [pscustomobject]@{}
            $throwing | Add-Member -MemberType ScriptProperty -Name Boom -Value { throw 'cannot read' }
            $inputs = @(
                [pscustomobject]@{ WebsiteUrl = 'https://ok1.example.com/'; WebsiteKey = 'ok1' }
                [pscustomobject]@{ WebsiteUrl = 'https://nan.example.com/'; WebsiteKey = 'nan'; Metadata = @{ score = [double]::NaN } }
                [pscustomobject]@{ WebsiteUrl = 'https://ok2.example.com/'; WebsiteKey = 'ok2' }
                [pscustomobject]@{ WebsiteUrl = 'https://getter.example.com/'; WebsiteKey = 'getter'; Metadata = @{ page = $throwing } }
                [pscustomobject]@{ WebsiteUrl = 'https://ok3.example.com/'; WebsiteKey = 'ok3' }
            )
            $inputs | Invoke-CapMonsterTask -Type RecaptchaV2 -ThrottleLimit 1
            $self = @{ type = 'RecaptchaV2TaskProxyless'; websiteURL = 'https://self.example.com/'; websiteKey = 'self' }
            $self.again = $self
            Invoke-CapMonsterTask -Task $self -ThrottleLimit 1
            Invoke-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://whatif.example.com/ -WebsiteKey w -Metadata @{ x = [double]::PositiveInfinity } -WhatIf
        }
        $run.Thrown | Should -BeNullOrEmpty
        $run.Output.Count | Should -Be 3
        $run.Errors.Count | Should -Be 4
        foreach ($record in $run.Errors) {
            $record.FullyQualifiedErrorId | Should -BeLike 'InvalidTaskField,*'
            $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        }
        $run.Errors[0].ErrorDetails.Message | Should -Match 'metadata\.score'
        $run.Errors[1].ErrorDetails.Message | Should -Match 'cannot read'
        $run.Errors[2].ErrorDetails.Message | Should -Match 'contain itself'
        $run.Errors[3].ErrorDetails.Message | Should -Match 'metadata\.x'
        @(Get-EmulatorLog -Key $key -Method createTask).Count | Should -Be 3
    }
}

Describe '-Ordered' -Tag Slow {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
    }

    It 'writes results in input order, while without it the fastest comes first' -ForEach @(
        @{ Command = 'Wait' }, @{ Command = 'Invoke' }) {
        foreach ($latency in 2500, 300, 1200) { Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = $latency } }
        $run = Invoke-Bounded {
            param($command)
            $inputs = 'slow', 'fast', 'middle' | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://$_.example.com/"; WebsiteKey = $_ } }
            if ($command -eq 'Wait') { $inputs | New-CapMonsterTask -Type Turnstile | Wait-CapMonsterTask -Ordered }
            else { $inputs | Invoke-CapMonsterTask -Type Turnstile -ThrottleLimit 1 -Ordered }
        } -ArgumentList $Command
        $run.Errors | Should -BeNullOrEmpty
        $ids = @($run.Output.TaskId)
        $ids.Count | Should -Be 3
        # Ids are handed out in creation order, which is input order.
        $ids | Should -Be ($ids | Sort-Object)
        ($run.Output[0].ElapsedSec -gt $run.Output[1].ElapsedSec) | Should -BeTrue
    }
}

Describe 'Every created task is reported' {
    BeforeEach {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
    }

    It 'writes the tasks already created before it stops on an account error mid-batch' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -Count 2 -With @{ latencyMs = 1500 }
        Add-EmulatorScenario -Key $key -Method createTask -Kind error -Count 20 -With @{ errorCode = 'ERROR_ZERO_BALANCE' }
        $run = Invoke-Bounded {
            1..6 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://zb$_.example.com/"; WebsiteKey = "zb$_" } } |
                Invoke-CapMonsterTask -Type RecaptchaV2
        }
        # A terminating error of one statement ends that statement; the instance reports it as an error.
        $run.Errors[-1].FullyQualifiedErrorId | Should -BeLike 'ERROR_ZERO_BALANCE,*'
        $created = Get-CreatedTaskId $key
        $created.Count | Should -Be 2
        @($run.Output.TaskId | Sort-Object) | Should -Be @($created | Sort-Object)
    }

    It 'names every other created task in a warning when -ErrorAction Stop ends the call on one failure' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind unsolvable
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -Count 3 -With @{ latencyMs = 20000 }
        $run = Invoke-Bounded {
            1..4 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://st$_.example.com/"; WebsiteKey = "st$_" } } |
                Invoke-CapMonsterTask -Type RecaptchaV2 -ErrorAction Stop
        }
        $run.Thrown.ErrorRecord.FullyQualifiedErrorId | Should -BeLike 'ERROR_CAPTCHA_UNSOLVABLE,*'
        $run.Seconds | Should -BeLessThan 15
        $unsolvable = @(Get-EmulatorLog -Key $key -Method createTask | Where-Object scenario -EQ 'unsolvable')[0].taskId
        $others = @(Get-CreatedTaskId $key | Where-Object { $_ -ne $unsolvable })
        $others.Count | Should -Be 3
        $warning = $run.Warnings -join "`n"
        foreach ($id in $others) { $warning | Should -Match "\b$id\b" }
        $warning | Should -Match 'Wait-CapMonsterTask -TaskId'
        $warning | Should -Match 'WebsiteKey=st'
    }

    It 'names every created task on the console when Ctrl+C stops Invoke-CapMonsterTask' -Tag Slow -Skip:$IsWindows {
        # The real Ctrl+C: SIGINT to a child pwsh. The pipeline takes nothing more then, so the warning goes to the
        # console host, where the user sees it.
        if (Test-SigIntIgnored) { Set-ItResult -Skipped -Because 'this test run was started with SIGINT ignored (in the background), so no child can receive one' }
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -Count 3 -With @{ latencyMs = 120000 }
        $script = @"
Import-Module '$(Get-TestModulePath)'
`$env:CAPMONSTER_SERVICE_URI = '$emulator'
`$env:CAPMONSTER_API_KEY = '$key'
1..3 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://cc`$_.example.com/"; WebsiteKey = "cc`$_" } } |
    Invoke-CapMonsterTask -Type RecaptchaV2
"@
        $pwsh = Get-PwshCommand
        $start = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($argument in @($pwsh | Select-Object -Skip 1) + '-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))) {
            $start.ArgumentList.Add($argument)
        }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.Environment['LANG'] = $start.Environment['LC_ALL'] = 'en_US.UTF-8'
        $child = [Diagnostics.Process]::Start($start)
        try {
            $stdout = $child.StandardOutput.ReadToEndAsync()
            $stderr = $child.StandardError.ReadToEndAsync()
            $watch = [Diagnostics.Stopwatch]::StartNew()
            while ((Get-CreatedTaskId $key).Count -lt 3 -and $watch.Elapsed.TotalSeconds -lt 60) { Start-Sleep -Milliseconds 200 }
            (Get-CreatedTaskId $key).Count | Should -Be 3 -Because 'the three tasks are created before Ctrl+C'
            Start-Sleep -Milliseconds 500   # the created tasks are being waited for
            & kill -INT $child.Id
            $child.WaitForExit(20000) | Should -BeTrue -Because 'Ctrl+C ends the call within 20 s'
            $console = $stdout.Result + $stderr.Result
        } finally {
            if (-not $child.HasExited) { $child.Kill($true) }
            $child.Dispose()
        }
        foreach ($id in Get-CreatedTaskId $key) { $console | Should -Match "\b$id\b" -Because $console }
        $console | Should -Match 'Wait-CapMonsterTask -TaskId'
        $console | Should -Match 'WebsiteKey=cc'
        $console | Should -Not -Match $key
    }

    It 'names the created tasks when New-CapMonsterTask stops on an account error, so their ids are not lost' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -Count 2 -With @{ latencyMs = 1000 }
        Add-EmulatorScenario -Key $key -Method createTask -Kind error -With @{ errorCode = 'ERROR_ZERO_BALANCE' }
        $run = Invoke-Bounded {
            $tasks = 1..3 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://n$_.example.com/"; WebsiteKey = "n$_" } } |
                New-CapMonsterTask -Type RecaptchaV2
            $tasks
        }
        $run.Errors[-1].FullyQualifiedErrorId | Should -BeLike 'ERROR_ZERO_BALANCE,*'
        foreach ($id in Get-CreatedTaskId $key) { ($run.Warnings -join "`n") | Should -Match "\b$id\b" }
    }
}

Describe 'Adaptive tasks in flight' -Tag Slow {
    It 'backs off when creations are refused, then solves every input with no task created twice' {
        $key = New-EmulatorKey -Balance 1000
        $env:CAPMONSTER_API_KEY = $key
        Add-EmulatorScenario -Key $key -Method createTask -Kind noSlot -Count 25
        # The bound allows for the slow case: in a warm process the first refusal comes back before 16 inputs are out,
        # the window halves to 8, and those 8 take all 25 refusals, one of them 4 (10 + 20 + 30 + 30 s, with jitter up
        # to about 115 s; 36 s when 16 are out first).
        $run = Invoke-Bounded {
            1..40 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://ns$_.example.com/"; WebsiteKey = "ns$_" } } |
                Invoke-CapMonsterTask -Type RecaptchaV2 -Verbose 4>&1
        } -Seconds 240
        $results = @($run.Output | Where-Object { $_ -is [CapMonster.CaptchaResult] })
        $verbose = @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $run.Errors | Should -BeNullOrEmpty
        $results.Count | Should -Be 40
        $log = @(Get-EmulatorLog -Key $key -Method createTask)
        @($log | Where-Object errorCode -EQ 'ERROR_NO_SLOT_AVAILABLE').Count | Should -Be 25
        $created = @($log | Where-Object { $_.taskId -and -not $_.errorCode })
        $created.Count | Should -Be 40
        @($created.body.task.websiteKey | Sort-Object -Unique).Count | Should -Be 40
        $verbose -match 'ERROR_NO_SLOT_AVAILABLE' | Should -Not -BeNullOrEmpty
    }
}

Describe 'Soak under faults (short)' -Tag Slow {
    BeforeAll {
        $saved = Invoke-RestMethod "$emulator/emulator/config"
        $null = Invoke-RestMethod -Method Post "$emulator/emulator/config" -ContentType 'application/json' -Body (
            @{ latencyMinMs = 5000; latencyMaxMs = 10000; faultRate = 0.1; faultSeed = 12; faultStallMs = 1500 } | ConvertTo-Json)
    }
    AfterAll {
        $null = Invoke-RestMethod -Method Post "$emulator/emulator/config" -ContentType 'application/json' -Body (
            @{ latencyMinMs = $saved.latencyMinMs; latencyMaxMs = $saved.latencyMaxMs; faultRate = 0 } | ConvertTo-Json)
    }

    It 'accounts for every input and every task of 100 tasks with 10% faults through <Path>' -ForEach @(
        @{ Path = 'Invoke-CapMonsterTask' }, @{ Path = 'New-CapMonsterTask | Wait-CapMonsterTask' }) {
        $key = New-EmulatorKey -Balance 1000
        $inputKeys = 1..100 | ForEach-Object { "soak-$_" }
        $run = Invoke-Bounded {
            param($key, $inputKeys, $path)
            $secure = ConvertTo-SecureString $key -AsPlainText -Force
            $inputs = $inputKeys | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://$_.example.com/"; WebsiteKey = $_ } }
            if ($path -eq 'Invoke-CapMonsterTask') {
                $inputs | Invoke-CapMonsterTask -Type RecaptchaV2 -ApiKey $secure -WarningAction SilentlyContinue
            } else {
                $inputs | New-CapMonsterTask -Type RecaptchaV2 -ApiKey $secure -WarningAction SilentlyContinue |
                    Wait-CapMonsterTask -WarningAction SilentlyContinue
            }
        } -ArgumentList $key, $inputKeys, $Path -Seconds 150
        $run.Thrown | Should -BeNullOrEmpty
        $soak = Measure-CapMonsterSoak -Uri $emulator -Key $key -InputKeys $inputKeys -Results $run.Output -Errors $run.Errors
        Write-Host "    soak ($Path): $($soak | ConvertTo-Json -Compress)"
        $soak.Faults | Should -BeGreaterThan 0
        $soak.InputsAccounted | Should -Be 100
        $soak.TasksAccounted | Should -Be $soak.TasksReached
        $soak.CreatedTwice | Should -Be 0
        # A fault never loses a task that was created and answered: at most the faulted creations end in errors.
        $soak.Results | Should -BeGreaterThan 80
    }
}
