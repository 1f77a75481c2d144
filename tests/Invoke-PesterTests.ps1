<#
.SYNOPSIS
Runs the Pester suites against the built module, with one emulator for the whole run. Called by build.ps1 Test in a
child pwsh; writes JUnit results (pester.xml, one testsuite per file) and a summary (pester-summary.json) to
-ResultsPath.

.DESCRIPTION
With -Shards N above 1 the files are split into N groups of about equal duration (the per-file seconds of the last
run, kept in -TimingsPath; a file's size where there is none yet), each group runs in its own child pwsh with its own
emulator at the same time, and their results are merged into the one pester.xml and summary. The first group's
output is shown as it runs, the others' after it.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $ResultsPath,
    # The local package repository (build.ps1 Package); without it the tests tagged Install are left out.
    [string] $RepositoryPath,
    # Files or folders; several in one argument are separated as in PATH (a shard's files, from pwsh -File).
    [string[]] $Path = @(Join-Path $PSScriptRoot 'Pester'),
    # Tags to leave out (several in one argument separated by commas): build.ps1 Test -Fast passes Slow.
    [string[]] $ExcludeTag = @(),
    # How many child processes run the files at the same time (build.ps1 Test -Fast: 2).
    [ValidateRange(1, 8)] [int] $Shards = 1,
    # The per-file seconds the shards are balanced by, read before the run and rewritten after it.
    [string] $TimingsPath
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tools/BuildTools.psm1') -Force
$Path = @($Path -split [IO.Path]::PathSeparator | Where-Object { $_ })
$ExcludeTag = @($ExcludeTag -split ',' | Where-Object { $_ })
$summaryPath = Join-Path $ResultsPath 'pester-summary.json'
$junitPath = Join-Path $ResultsPath 'pester.xml'

function Split-ByDuration([string[]] $Files, [int] $Count, [hashtable] $Seconds) {
    # Longest first, each to the group with the least so far: within one longest file of the best split.
    $groups = @(for ($i = 0; $i -lt $Count; $i++) { [pscustomobject]@{ Seconds = 0.0; Files = [Collections.Generic.List[string]]::new() } })
    $weighed = foreach ($file in $Files) {
        $name = Split-Path -Leaf $file
        # Without a measured time, about a second per 2 KB of test code.
        [pscustomobject]@{ File = $file; Seconds = $Seconds.ContainsKey($name) ? [double] $Seconds[$name] : (Get-Item $file).Length / 2048 }
    }
    foreach ($item in $weighed | Sort-Object Seconds, File -Descending) {
        $lightest = $groups | Sort-Object Seconds | Select-Object -First 1
        $lightest.Seconds += $item.Seconds
        $lightest.Files.Add($item.File)
    }
    return $groups | Where-Object { $_.Files.Count }
}

if ($Shards -gt 1) {
    $files = @(Get-ChildItem -Path $Path -Recurse -Filter *.Tests.ps1 | Sort-Object FullName | ForEach-Object FullName)
    $known = ($TimingsPath -and (Test-Path -LiteralPath $TimingsPath)) ? (Get-Content -Raw $TimingsPath | ConvertFrom-Json -AsHashtable) : @{}
    $groups = @(Split-ByDuration $files $Shards $known)
    $pwsh = Get-PwshCommand
    $started = [Diagnostics.Stopwatch]::StartNew()
    $runs = for ($i = 0; $i -lt $groups.Count; $i++) {
        $shardResults = New-Item -ItemType Directory -Force (Join-Path $ResultsPath "shard$($i + 1)")
        $childArgs = @($pwsh | Select-Object -Skip 1) + @('-NoLogo', '-NoProfile', '-File', $PSCommandPath,
            '-PesterPath', $PesterPath, '-ModulePath', $ModulePath, '-EmulatorPath', $EmulatorPath, '-ResultsPath', $shardResults.FullName,
            '-Path', ($groups[$i].Files -join [IO.Path]::PathSeparator)) + @(if ($RepositoryPath) { '-RepositoryPath', $RepositoryPath }) +
            @(if ($ExcludeTag) { '-ExcludeTag', ($ExcludeTag -join ',') })
        Write-Host "Pester shard $($i + 1) (about $([math]::Round($groups[$i].Seconds)) s): $(($groups[$i].Files | Split-Path -Leaf) -join ', ')"
        $log = Join-Path $shardResults 'output.log'
        [pscustomobject]@{
            Results   = $shardResults.FullName
            Log       = $log
            # The first shard's output is shown as it comes; the others' is kept and shown when they end.
            Job       = $i -eq 0 ? $null : (Start-ThreadJob -ArgumentList $pwsh[0], $childArgs, $log -ScriptBlock {
                    param($exe, $arguments, $log)
                    & $exe @arguments *> $log
                    $LASTEXITCODE
                })
            Arguments = $childArgs
        }
    }
    & $pwsh[0] @($runs[0].Arguments) | Out-Host
    foreach ($run in $runs | Select-Object -Skip 1) {
        $null = $run.Job | Receive-Job -Wait -AutoRemoveJob
        Get-Content -LiteralPath $run.Log | Out-Host
    }

    # One pester.xml with every file's testsuite, in file order, and one summary; a shard that wrote no summary (a
    # crash) counts as a failure.
    $merged = [xml] '<testsuites name="Pester" tests="0" errors="0" failures="0" disabled="0" time="0" />'
    $suites = foreach ($run in $runs) {
        $shardJunit = Join-Path $run.Results 'pester.xml'
        if (Test-Path -LiteralPath $shardJunit) { ([xml] (Get-Content -Raw $shardJunit)).testsuites.testsuite }
    }
    $id = 0
    foreach ($suite in $suites | Sort-Object { $_.name }) {
        $suite.SetAttribute('id', $id++)
        $null = $merged.DocumentElement.AppendChild($merged.ImportNode($suite, $true))
        foreach ($name in 'tests', 'errors', 'failures', 'disabled') {
            $merged.DocumentElement.SetAttribute($name, [int] $merged.DocumentElement.GetAttribute($name) + [int] $suite.GetAttribute($name))
        }
    }
    $merged.DocumentElement.SetAttribute('time', $started.Elapsed.TotalSeconds.ToString('0.000', [cultureinfo]::InvariantCulture))
    $merged.Save($junitPath)
    $passed = 0; $failed = 0
    foreach ($run in $runs) {
        $shardSummary = Join-Path $run.Results 'pester-summary.json'
        if (Test-Path -LiteralPath $shardSummary) {
            $counts = Get-Content -Raw $shardSummary | ConvertFrom-Json
            $passed += $counts.Passed; $failed += $counts.Failed
        } else { $failed++ }
    }
} else {
    Import-Module $PesterPath -Force
    # The tests read these to find what they test; see tests/Pester/TestHelpers.psm1.
    $env:CAPMONSTER_TEST_MODULE = (Resolve-Path $ModulePath).Path
    $env:CAPMONSTER_TEST_REPOSITORY = $RepositoryPath ? (Resolve-Path $RepositoryPath).Path : $null
    $env:CAPMONSTER_TEST_EMULATOR_PATH = (Resolve-Path $EmulatorPath).Path
    $emulator = Start-CapMonsterEmulator -Path $EmulatorPath
    $env:CAPMONSTER_TEST_EMULATOR = $emulator.Uri.ToString().TrimEnd('/')
    try {
        $configuration = New-PesterConfiguration
        $configuration.Run.Path = $Path
        $configuration.Run.PassThru = $true
        $configuration.Filter.ExcludeTag = @($ExcludeTag) + @(if (-not $RepositoryPath) { 'Install' })
        $configuration.Output.Verbosity = 'Detailed'
        $configuration.TestResult.Enabled = $true
        $configuration.TestResult.OutputFormat = 'JUnitXml'
        $configuration.TestResult.OutputPath = $junitPath
        $result = Invoke-Pester -Configuration $configuration
    } finally {
        Stop-CapMonsterEmulator $emulator
    }
    # Blocks and containers that fail (a broken BeforeAll, a file that does not parse) count as failures too.
    $passed = $result.PassedCount
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
}

if ($TimingsPath -and (Test-Path -LiteralPath $junitPath)) {
    $seconds = [ordered]@{}
    foreach ($suite in ([xml] (Get-Content -Raw $junitPath)).testsuites.testsuite) { $seconds[(Split-Path -Leaf $suite.name)] = [double] $suite.time }
    $seconds | ConvertTo-Json | Set-Content -LiteralPath $TimingsPath
}
[pscustomobject]@{ Passed = $passed; Failed = $failed } | ConvertTo-Json | Set-Content -LiteralPath $summaryPath
"Pester: $passed passed, $failed failed"
exit $failed
