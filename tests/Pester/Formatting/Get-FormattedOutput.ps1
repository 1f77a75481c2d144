<#
.SYNOPSIS
What a user sees for every output type: Out-String (the default view), Format-Table and Format-List of real
objects made by the cmdlets against a fresh emulator, one text per case, masked where the clock shows through.

.DESCRIPTION
Formatting.Tests.ps1 holds these texts to the snapshots in this folder, so moving a view into C# (a default
property set) or changing the format file cannot change what users see unnoticed. To accept a deliberate change,
rebuild and rerun with -Update (it writes the snapshots):

    dotnet pwsh ./tests/Pester/Formatting/Get-FormattedOutput.ps1 -ModulePath out/CapMonster/<version>/CapMonster.psd1 `
        -EmulatorPath out/emulator/CapMonster.Emulator.dll -Update

The emulator is this script's own, so task ids and solutions are the same on every run; dates use the invariant
culture (fixed width) and are masked, as are the elapsed times and the emulator's port.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [switch] $Update
)
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
Import-Module (Join-Path $PSScriptRoot '../../../tools/BuildTools.psm1')

$emulator = Start-CapMonsterEmulator -Path $EmulatorPath -ArgumentList '--latency', '300', '--seed', '0'
try {
    # The first task created stays unsolved, for a result still processing.
    $scenario = @{ key = 'c0ffee00c0ffee00c0ffee00c0ffee00'; method = 'createTask'; kind = 'latency'; count = 1; latencyMs = 600000 }
    $null = Invoke-RestMethod -Method Post -Uri "$($emulator.Uri.ToString().TrimEnd('/'))/emulator/scenarios" -ContentType 'application/json' -Body ($scenario | ConvertTo-Json)
    $script = {
        param($ServiceUri)
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        [System.Globalization.CultureInfo]::CurrentCulture = [System.Globalization.CultureInfo]::InvariantCulture
        [System.Globalization.CultureInfo]::CurrentUICulture = 'en-US'
        $key = 'c0ffee00c0ffee00c0ffee00c0ffee00'
        $connection = Connect-CapMonster -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -ServiceUri $ServiceUri -TimeoutSec 12 -MaximumRetryCount 1 -PassThru
        $site = 'https://example.com/login'
        $processing = New-CapMonsterTask -Type ImageToText -Body ([Convert]::ToBase64String([byte[]] (1..150))) | Get-CapMonsterTaskResult
        $tasks = @(
            New-CapMonsterTask -Type ImageToText -Body ([Convert]::ToBase64String([byte[]] (1..150)))
            New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl $site -WebsiteKey '6Lc-v2'
            New-CapMonsterTask -Type Amazon -WebsiteUrl $site -WebsiteKey 'AQIDAHj' -ChallengeScript 'https://example.com/challenge.js' -CaptchaScript 'https://example.com/jsapi.js' -Context 'ctx' -InitializationVector 'CgAHbCe'
        )
        $results = @($tasks | Wait-CapMonsterTask -Ordered)   # in input order: which task is solved first is a race
        $cases = [ordered]@{
            ConnectionInfo = @($connection)
            ReportResult   = @(Send-CapMonsterReport -TaskId $tasks[0].TaskId -Kind Image)
            CaptchaTask    = $tasks
            CaptchaResult  = @($processing) + $results
            ErrorInfo      = @(Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE, CAPTCHA_NOT_READY, RequestTimeout)
        }
        foreach ($name in $cases.Keys) {
            $objects = $cases[$name]
            $views = [ordered]@{
                Default = { $objects | Out-String -Width 120 }
                Table   = { $objects | Format-Table | Out-String -Width 120 }
                List    = { $objects | Format-List | Out-String -Width 120 }
            }
            foreach ($view in $views.Keys) {
                [pscustomobject]@{ Name = "$name.$view"; Text = (& $views[$view]) }
            }
        }
    }
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes(
            "Import-Module '$ModulePath'; & { $script } '$($emulator.Uri)' | ConvertTo-Json -Compress"))
    $pwsh = Get-PwshCommand
    $json = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoLogo -NoProfile -NonInteractive -EncodedCommand $encoded
    if ($LASTEXITCODE) { throw "The formatting child failed ($LASTEXITCODE): $json" }
} finally {
    Stop-CapMonsterEmulator $emulator
}

$port = $emulator.Uri.Port
foreach ($case in $json | ConvertFrom-Json) {
    $text = ($case.Text -replace "`r`n", "`n").TrimEnd()
    $text = $text -replace '\d\d/\d\d/\d{4} \d\d:\d\d:\d\d', '00/00/0000 00:00:00'
    $text = $text -replace '\b\d\.\d s\b', '0.0 s' -replace '(ElapsedSec\s*: )\d+(\.\d+)?', '${1}0.0'
    $text = $text -replace "127\.0\.0\.1:$port", '127.0.0.1:PORT'
    if ($Update) {
        Set-Content -LiteralPath (Join-Path $PSScriptRoot "$($case.Name).txt") -Value $text -Encoding utf8NoBOM
    }
    [pscustomobject]@{ Name = $case.Name; Text = $text }
}
