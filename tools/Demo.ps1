<#
.SYNOPSIS
Shows the CapMonster module at work against the local emulator: build.ps1 Demo runs it in a child pwsh.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EmulatorPath
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BuildTools.psm1')
Import-Module $ModulePath

function Show-Step([string] $Title) { Write-Host "`n=== $Title ===" -ForegroundColor Cyan }

$emulator = Start-CapMonsterEmulator -Path $EmulatorPath
try {
    $uri = $emulator.Uri.ToString().TrimEnd('/')
    $key = 'c0ffee00c0ffee00c0ffee00c0ffee00'   # the emulator's documented test key
    Write-Host "Emulator at $uri"

    Show-Step 'The commands'
    Get-Command -Module CapMonster | Format-Table Name, CommandType -AutoSize | Out-Host

    Show-Step 'Connect once per session (the key is a SecureString and never shown)'
    Connect-CapMonster -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -ServiceUri $uri -PassThru | Out-Host

    Show-Step 'The balance is a number: it compares directly'
    $balance = Get-CapMonsterBalance
    Write-Host "Balance: $balance; enough for a run: $($balance -ge 5)"

    Show-Step 'The user agent the service wants in tasks'
    Get-CapMonsterUserAgent | Out-Host

    Show-Step 'Reporting a wrong answer costs nothing to try: -WhatIf'
    Send-CapMonsterReport -TaskId 3000000001 -Kind Image -WhatIf

    Show-Step 'A typed error: a zero balance, as a CI step sees it'
    $null = Invoke-RestMethod -Method Post -Uri "$uri/emulator/keys" -ContentType 'application/json' `
        -Body (@{ key = 'deadbeefdeadbeefdeadbeefdeadbeef'; balance = 0 } | ConvertTo-Json)
    $null = Invoke-RestMethod -Method Post -Uri "$uri/emulator/scenarios" -ContentType 'application/json' `
        -Body (@{ key = 'deadbeefdeadbeefdeadbeefdeadbeef'; method = 'getBalance'; kind = 'error'; errorCode = 'ERROR_ZERO_BALANCE'; httpStatus = 402 } | ConvertTo-Json)
    try {
        Get-CapMonsterBalance -ApiKey (ConvertTo-SecureString 'deadbeefdeadbeefdeadbeefdeadbeef' -AsPlainText -Force)
    } catch [CapMonster.CapMonsterAccountException] {
        $record = $_
        Write-Host "FullyQualifiedErrorId: $($record.FullyQualifiedErrorId)"
        Write-Host "Category:              $($record.CategoryInfo.Category)"
        Write-Host "Message:               $($record.ErrorDetails.Message)"
        Write-Host "Recommended action:    $($record.ErrorDetails.RecommendedAction)"
    }

    Show-Step 'Resolve-CapMonsterError explains it, in English and in Russian'
    Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE | Format-List Code, Title, Category, Retry, Description, RecommendedAction | Out-Host
    $russian = Invoke-Pwsh -Environment @{ LANG = 'ru_RU.UTF-8'; LC_ALL = 'ru_RU.UTF-8' } -ArgumentList '-NonInteractive', '-Command',
        "Import-Module '$ModulePath'; Resolve-CapMonsterError -Code 'no funds' | Format-List Code, Title, Category, Retry, Description, RecommendedAction"
    if ($russian) { throw "The Russian step failed ($russian)." }

    Disconnect-CapMonster
} finally {
    Stop-CapMonsterEmulator $emulator
}
Write-Host "`nDemo finished." -ForegroundColor Green
