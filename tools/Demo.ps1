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

# Solve times of 0.5 to 3 s, so the waiting is visible but short.
$emulator = Start-CapMonsterEmulator -Path $EmulatorPath -ArgumentList '--latency', '500-3000'
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

    Show-Step 'An image captcha, solved in one line'
    $image = Join-Path ([IO.Path]::GetTempPath()) 'capmonster-demo.png'
    [IO.File]::WriteAllBytes($image, [byte[]] (1..255 + 1..200))
    Invoke-CapMonsterTask -Type ImageToText -Path $image | Format-Table TaskId, Type, Path, Text, ElapsedSec, Polls | Out-Host

    Show-Step 'A reCAPTCHA v2 token; -WhatIf first shows the JSON that would be sent (key hidden)'
    New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/login -WebsiteKey 6Lc_demo_site_key -WhatIf
    $token = Invoke-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/login -WebsiteKey 6Lc_demo_site_key
    Write-Host "gRecaptchaResponse: $($token.GRecaptchaResponse.Substring(0, 40))..."

    Show-Step 'Twenty Turnstile tasks waited on at once, with progress'
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $results = 1..20 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://shop$_.example.com/"; WebsiteKey = "0x4AAAA$_" } } |
        New-CapMonsterTask -Type Turnstile | Wait-CapMonsterTask
    Write-Host "$($results.Count) tokens in $([math]::Round($watch.Elapsed.TotalSeconds, 1)) s, $(($results | Measure-Object Polls -Sum).Sum) result requests in all"

    Show-Step 'Reporting a wrong answer, and the balance after the work'
    $token | Send-CapMonsterReport | Out-Host
    Write-Host "Balance: $(Get-CapMonsterBalance)"

    Show-Step 'A typed error: a task created with an empty account, as a CI step sees it'
    $null = Invoke-RestMethod -Method Post -Uri "$uri/emulator/keys" -ContentType 'application/json' `
        -Body (@{ key = 'deadbeefdeadbeefdeadbeefdeadbeef'; balance = 0 } | ConvertTo-Json)
    try {
        Invoke-CapMonsterTask -Type ImageToText -Path $image -ApiKey (ConvertTo-SecureString 'deadbeefdeadbeefdeadbeefdeadbeef' -AsPlainText -Force)
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
    Remove-Item $image -ErrorAction Ignore
} finally {
    Stop-CapMonsterEmulator $emulator
}
Write-Host "`nDemo finished." -ForegroundColor Green
