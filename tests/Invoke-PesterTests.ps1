<#
.SYNOPSIS
Runs the Pester suites against the built module, with one emulator for the whole run. Called by build.ps1 Test in a
child pwsh; writes JUnit results and a summary (pester-summary.json) to -ResultsPath.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $ResultsPath,
    # The local package repository (build.ps1 Package); without it the tests tagged Install are left out.
    [string] $RepositoryPath,
    [string[]] $Path = @(Join-Path $PSScriptRoot 'Pester'),
    # Tags to leave out: build.ps1 Test -Fast passes Slow.
    [string[]] $ExcludeTag = @()
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
Import-Module (Join-Path $PSScriptRoot '../tools/BuildTools.psm1') -Force

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
    $configuration.TestResult.OutputPath = Join-Path $ResultsPath 'pester.xml'
    $result = Invoke-Pester -Configuration $configuration
} finally {
    Stop-CapMonsterEmulator $emulator
}
# Blocks and containers that fail (a broken BeforeAll, a file that does not parse) count as failures too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed } | ConvertTo-Json |
    Set-Content -LiteralPath (Join-Path $ResultsPath 'pester-summary.json')
"Pester: $($result.PassedCount) passed, $failed failed"
exit $failed
