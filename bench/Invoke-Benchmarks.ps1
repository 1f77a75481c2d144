<#
.SYNOPSIS
Measures the CapMonster module against the emulator, each figure beside what it is compared to, in one run, and
prints a table with the targets. build.ps1 Bench builds everything and calls this script.

.DESCRIPTION
1. Cold Import-Module in a fresh pwsh (median of several, alternated), beside a bare binary module with one cmdlet
   and one table view.
2. 1,000 Get-CapMonsterBalance calls against the same 1,000 calls made with Invoke-RestMethod.
3. 1,000 tasks with 2-6 s solve times through one pipeline (Invoke-CapMonsterTask with no tuning parameters at
   all, and New | Wait): wall time, time to the first result
   against the ideal (the slowest task's solve time plus its first-poll delay), result requests per task against
   the fewest the polling rules allow.
4. Peak working set of a pwsh waiting on 10,000 tasks at once, above a bare pwsh.
5. The 1,000-task batch split over 8 runspaces with ForEach-Object -Parallel: wall time and correctness.
6. A soak, not a speed figure: 1,000 tasks with 30-60 s solves through Invoke-CapMonsterTask and through New | Wait
   against an emulator in fault mode (10% of requests meet a 502 page, a 503, a reset before or after handling, a
   stall or a 429): every input ends as a result or an error naming it, every task whose id reached the client as a
   result or an error naming its id, and no input is created twice.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $BareModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [int] $ImportRuns = 7,
    [int] $Calls = 1000,
    [int] $BatchSize = 1000,
    [int] $MemoryTasks = 10000,
    [int] $SoakSize = 1000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tools/BuildTools.psm1')
$pwsh = Get-PwshCommand

function Invoke-Child([string] $Script, [hashtable] $Environment = @{}) {
    # A fresh pwsh; the last line it prints is the result.
    $saved = @{}
    foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
    try {
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'`n$Script"))
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoLogo -NoProfile -NonInteractive -EncodedCommand $encoded
        if ($LASTEXITCODE) { throw "A benchmark child failed ($LASTEXITCODE): $($output -join "`n")" }
        return @($output)[-1]
    } finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    return $sorted.Count % 2 ? $sorted[$middle] : ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

$rows = [System.Collections.Generic.List[object]]::new()
function Add-Row($Number, $Measure, $Module, $Reference, $Figure, $Target, [bool] $Met) {
    $rows.Add([pscustomobject]@{ '#' = $Number; Measure = $Measure; CapMonster = $Module; 'Compared to' = $Reference; Figure = $Figure; Target = $Target; Met = $Met ? 'yes' : 'NO' })
    Write-Host "  $Number. $Measure - $Figure (target $Target)"
}

# The key stays out of argument lists: the children read it from the environment.
$emulator = Start-CapMonsterEmulator -Path $EmulatorPath -ArgumentList '--log-limit', '0'
try {
    $uri = $emulator.Uri.ToString().TrimEnd('/')
    $key = 'c0ffee00c0ffee00c0ffee00c0ffee00'
    $null = Invoke-RestMethod -Method Post "$uri/emulator/keys" -ContentType 'application/json' -Body (@{ key = $key; balance = 1000000 } | ConvertTo-Json)
    $childEnvironment = @{ CAPMONSTER_API_KEY = $key; CAPMONSTER_SERVICE_URI = $uri; CM_MODULE = $ModulePath; CM_URI = $uri }

    Write-Host "1. Import time ($ImportRuns fresh pwsh processes each, alternated)"
    # The yardstick is a binary module with one cmdlet and one table view: any module with a view pays for
    # PowerShell's format machinery at import. Alternating the two spreads the machine's load over both.
    $importScript = '$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module $env:CM_MODULE; $w.Elapsed.TotalMilliseconds'
    $moduleTimes = [System.Collections.Generic.List[double]]::new()
    $bareTimes = [System.Collections.Generic.List[double]]::new()
    foreach ($run in 1..$ImportRuns) {
        $moduleTimes.Add([double] (Invoke-Child $importScript -Environment @{ CM_MODULE = $ModulePath }))
        $bareTimes.Add([double] (Invoke-Child $importScript -Environment @{ CM_MODULE = $BareModulePath }))
    }
    $moduleImport = Get-Median $moduleTimes
    $bareImport = Get-Median $bareTimes
    $importRatio = $moduleImport / $bareImport
    Write-Host ('   each run, ms: CapMonster {0}; bare {1}' -f (($moduleTimes | ForEach-Object { '{0:0}' -f $_ }) -join ' '), (($bareTimes | ForEach-Object { '{0:0}' -f $_ }) -join ' '))
    Add-Row 1 "Cold Import-Module in a fresh pwsh (median of $ImportRuns)" ('{0:0.0} ms' -f $moduleImport) ('{0:0.0} ms bare module, one cmdlet and one view' -f $bareImport) ('{0:0.00} x bare' -f $importRatio) '<= 1.3 x' ($importRatio -le 1.3)

    Write-Host "2. $Calls balance calls"
    $callsScript = @'
Import-Module $env:CM_MODULE
$n = [int] $env:CM_CALLS
$body = @{ clientKey = $env:CAPMONSTER_API_KEY } | ConvertTo-Json -Compress
foreach ($i in 1..50) { $null = Get-CapMonsterBalance; $null = Invoke-RestMethod -Method Post -Uri "$env:CM_URI/getBalance" -Body $body -ContentType 'application/json' }
$w = [Diagnostics.Stopwatch]::StartNew()
foreach ($i in 1..$n) { $null = Get-CapMonsterBalance }
$module = $w.Elapsed.TotalMilliseconds
$w.Restart()
foreach ($i in 1..$n) { $null = Invoke-RestMethod -Method Post -Uri "$env:CM_URI/getBalance" -Body $body -ContentType 'application/json' }
$irm = $w.Elapsed.TotalMilliseconds
"$module;$irm"
'@
    $module, $irm = (Invoke-Child $callsScript -Environment ($childEnvironment + @{ CM_CALLS = "$Calls" })) -split ';' | ForEach-Object { [double] $_ }
    Add-Row 2 "$Calls Get-CapMonsterBalance calls" ('{0:0} ms ({1:0.00} ms/call)' -f $module, ($module / $Calls)) ('{0:0} ms Invoke-RestMethod' -f $irm) ('{0:0.00} of IRM''s time' -f ($module / $irm)) '<= 0.45' ($module / $irm -le 0.45)

    Write-Host "3. $BatchSize tasks solved in 2-6 s, through one pipeline"
    $null = Set-CapMonsterEmulatorLatency $uri 2000 6000
    $batchScript = @'
Import-Module $env:CM_MODULE
$inputs = 1..[int] $env:CM_N | ForEach-Object { [pscustomobject]@{ Body = [Convert]::ToBase64String([byte[]] (1..250)) } }
$w = [Diagnostics.Stopwatch]::StartNew()
$firstAt = $null
# With the defaults: no -ThrottleLimit, no -PollIntervalSec. Results are timed as they stream out.
$results = @(& {
        if ($env:CM_MODE -eq 'invoke') { $inputs | Invoke-CapMonsterTask -Type ImageToText }
        else { $inputs | New-CapMonsterTask -Type ImageToText | Wait-CapMonsterTask }
    } | ForEach-Object { if ($null -eq $firstAt) { $firstAt = $w.Elapsed.TotalSeconds }; $_ })
$wall = $w.Elapsed.TotalSeconds
# The emulator knows each task's solve time: the ideal is the slowest one's plus the first-poll delay.
$first = 0.35
$excess = foreach ($r in $results) {
    $info = Invoke-RestMethod "$env:CM_URI/emulator/tasks/$($r.TaskId)"
    $latency = ([datetimeoffset] $info.readyAt - [datetimeoffset] $info.createdAt).TotalSeconds
    $fewest = 1 + [math]::Ceiling([math]::Max(0, $latency - $first) / 2)
    [pscustomobject]@{ Latency = $latency; Excess = $r.Polls - $fewest }
}
$ideal = ($excess | Measure-Object Latency -Maximum).Maximum + $first
$stats = $excess | Measure-Object Excess -Average -Maximum
$polls = ($results | Measure-Object Polls -Average).Average
"$($results.Count);$wall;$ideal;$($stats.Average);$($stats.Maximum);$firstAt;$polls"
'@
    foreach ($mode in 'invoke', 'pipeline') {
        $count, $wall, $ideal, $avgExcess, $maxExcess, $firstAt, $polls = (Invoke-Child $batchScript -Environment ($childEnvironment + @{ CM_MODE = $mode; CM_N = "$BatchSize" })) -split ';' | ForEach-Object { [double] $_ }
        $label = $mode -eq 'invoke' ? 'Invoke-CapMonsterTask, default parameters' : 'New-CapMonsterTask | Wait-CapMonsterTask'
        if ($count -ne $BatchSize) { throw "$label returned $count of $BatchSize results." }
        Add-Row 3 "$BatchSize tasks, $label" ('{0:0.00} s; first result after {1:0.00} s' -f $wall, $firstAt) ('{0:0.00} s ideal' -f $ideal) ('{0:0.00} x ideal' -f ($wall / $ideal)) '<= 1.2 x' ($wall / $ideal -le 1.2)
        Add-Row 3 "Result requests per task, $label" ('{0:0.00} per task, {1:0.00} above the fewest (max {2})' -f $polls, $avgExcess, $maxExcess) 'the fewest the rules allow' ('+{0:0.00} avg, +{1} max' -f $avgExcess, $maxExcess) '<= +1 per task' ($maxExcess -le 1)
    }

    Write-Host "4. Peak working set with $MemoryTasks tasks waited at once"
    $null = Set-CapMonsterEmulatorLatency $uri 20000 25000
    $bare = [double] (Invoke-Child 'Start-Sleep -Milliseconds 500; [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64')
    $memoryScript = @'
Import-Module $env:CM_MODULE
$body = [Convert]::ToBase64String([byte[]] (1..250))
$count = (1..[int] $env:CM_N | ForEach-Object { [pscustomobject]@{ Body = $body } } |
    Invoke-CapMonsterTask -Type ImageToText -ThrottleLimit ([int] $env:CM_N) -WaitTimeoutSec 120 | Measure-Object).Count
"$count;$([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64)"
'@
    $count, $peak = (Invoke-Child $memoryScript -Environment ($childEnvironment + @{ CM_N = "$MemoryTasks" })) -split ';' | ForEach-Object { [double] $_ }
    if ($count -ne $MemoryTasks) { throw "The memory run returned $count of $MemoryTasks results." }
    $above = ($peak - $bare) / 1MB
    Add-Row 4 "Peak working set, $MemoryTasks tasks waited at once" ('{0:0} MB' -f ($peak / 1MB)) ('{0:0} MB bare pwsh' -f ($bare / 1MB)) ('{0:0} MB above bare' -f $above) '< 200 MB' ($above -lt 200)

    Write-Host "5. The $BatchSize-task batch over 8 runspaces"
    $null = Set-CapMonsterEmulatorLatency $uri 2000 6000
    $parallelScript = @'
$n = [int] $env:CM_N
$w = [Diagnostics.Stopwatch]::StartNew()
$results = 0..7 | ForEach-Object -ThrottleLimit 8 -Parallel {
    Import-Module $env:CM_MODULE
    $part = $_
    1..($using:n / 8) | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://runspace$part-site$_.example.com/"; WebsiteKey = "key-$part-$_" } } |
        Invoke-CapMonsterTask -Type RecaptchaV2 -ThrottleLimit 1000 |
        ForEach-Object { [pscustomobject]@{ Part = $part; TaskId = $_.TaskId; Token = $_.GRecaptchaResponse } }
}
$wall = $w.Elapsed.TotalSeconds
# Each result must be its own task's: the token the emulator keeps for that task id, once per task.
$wrong = @($results | Where-Object { (Invoke-RestMethod "$env:CM_URI/emulator/tasks/$($_.TaskId)").solution.gRecaptchaResponse -ne $_.Token }).Count
$unique = @($results.TaskId | Sort-Object -Unique).Count
"$($results.Count);$unique;$wrong;$wall"
'@
    $count, $unique, $wrong, $wall = (Invoke-Child $parallelScript -Environment ($childEnvironment + @{ CM_N = "$BatchSize" })) -split ';' | ForEach-Object { [double] $_ }
    $correct = $count -eq $BatchSize -and $unique -eq $BatchSize -and $wrong -eq 0
    Add-Row 5 "$BatchSize tasks over 8 runspaces (ForEach-Object -Parallel)" ('{0:0.00} s' -f $wall) ('{0} results, {1} distinct, {2} wrong' -f $count, $unique, $wrong) ('{0:0.00} s, all correct: {1}' -f $wall, $correct) 'every result its own task''s' $correct
} finally {
    Stop-CapMonsterEmulator $emulator
}

if ($SoakSize -gt 0) {
    Write-Host "6. Soak: $SoakSize tasks of 30-60 s under 10% mixed faults (not a speed figure)"
    $faulty = Start-CapMonsterEmulator -Path $EmulatorPath -ArgumentList '--latency', '30000-60000', '--fault-rate', '0.1', '--fault-seed', '1', '--fault-stall-ms', '3000'
    try {
        $faultyUri = $faulty.Uri.ToString().TrimEnd('/')
        $soakScript = @'
Import-Module $env:CM_MODULE
Import-Module $env:CM_TOOLS
$inputKeys = 1..[int] $env:CM_N | ForEach-Object { "soak-$env:CM_MODE-$_" }
$inputs = $inputKeys | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://$_.example.com/"; WebsiteKey = $_ } }
$w = [Diagnostics.Stopwatch]::StartNew()
$failures = $null
$results = @(if ($env:CM_MODE -eq 'invoke') {
    $inputs | Invoke-CapMonsterTask -Type RecaptchaV2 -ErrorAction SilentlyContinue -ErrorVariable +failures -WarningAction SilentlyContinue
} else {
    $inputs | New-CapMonsterTask -Type RecaptchaV2 -ErrorAction SilentlyContinue -ErrorVariable +failures -WarningAction SilentlyContinue |
        Wait-CapMonsterTask -ErrorAction SilentlyContinue -ErrorVariable +failures -WarningAction SilentlyContinue
})
$wall = $w.Elapsed.TotalSeconds
$soak = Measure-CapMonsterSoak -Uri $env:CAPMONSTER_SERVICE_URI -Key $env:CAPMONSTER_API_KEY -InputKeys $inputKeys -Results $results -Errors @($failures)
$soak | Add-Member Seconds ([math]::Round($wall, 1))
$soak | ConvertTo-Json -Compress
'@
        foreach ($mode in 'invoke', 'pipeline') {
            $soakKey = [guid]::NewGuid().ToString('N')
            $null = Invoke-RestMethod -Method Post "$faultyUri/emulator/keys" -ContentType 'application/json' -Body (@{ key = $soakKey; balance = 1000000 } | ConvertTo-Json)
            $soakEnvironment = @{ CAPMONSTER_API_KEY = $soakKey; CAPMONSTER_SERVICE_URI = $faultyUri; CM_MODULE = $ModulePath; CM_TOOLS = (Join-Path $PSScriptRoot '../tools/BuildTools.psm1'); CM_N = "$SoakSize"; CM_MODE = $mode }
            $soak = Invoke-Child $soakScript -Environment $soakEnvironment | ConvertFrom-Json
            $label = $mode -eq 'invoke' ? 'Invoke-CapMonsterTask' : 'New-CapMonsterTask | Wait-CapMonsterTask'
            $inputsOk = $soak.InputsAccounted + $soak.InputErrorsUnnamed -eq $soak.Inputs
            $tasksOk = $soak.TasksAccounted -eq $soak.TasksReached
            Add-Row 6 "Soak, $SoakSize tasks of 30-60 s, 10% faults, $label" ('{0} results, {1} errors, {2} faults met, {3:0} s' -f $soak.Results, $soak.Errors, $soak.Faults, $soak.Seconds) ('inputs {0}/{1} ended ({2} named by type only); tasks {3}/{4} reached accounted; {5} created twice' -f ($soak.InputsAccounted + $soak.InputErrorsUnnamed), $soak.Inputs, $soak.InputErrorsUnnamed, $soak.TasksAccounted, $soak.TasksReached, $soak.CreatedTwice) ('{0} lost' -f ($soak.Inputs - $soak.InputsAccounted - $soak.InputErrorsUnnamed + $soak.TasksReached - $soak.TasksAccounted)) 'none lost, none twice' ($inputsOk -and $tasksOk -and $soak.CreatedTwice -eq 0)
        }
    } finally {
        Stop-CapMonsterEmulator $faulty
    }
}

$memoryGiB = [math]::Round([GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB)
$machine = "$([Environment]::ProcessorCount) cores, $memoryGiB GiB, $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion)"
Write-Host "`nMachine: $machine"
$rows | Format-Table -AutoSize -Wrap | Out-String -Width 200 | Write-Host
# The same table as Markdown, for the README.
Write-Host '| # | Measure | CapMonster | Compared to | Figure | Target | Met |'
Write-Host '|---|---|---|---|---|---|---|'
foreach ($row in $rows) {
    $cells = $row.'#', $row.Measure, $row.CapMonster, $row.'Compared to', $row.Figure, $row.Target, $row.Met | ForEach-Object { "$_".Replace('|', '\|') }
    Write-Host "| $($cells -join ' | ') |"
}
