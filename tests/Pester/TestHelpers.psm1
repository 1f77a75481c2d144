# Shared by the Pester suites. build.ps1 Test (through tests/Invoke-PesterTests.ps1) sets the variables below:
# the built module's manifest, the local package repository and the emulator's base URL.
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '../../tools/BuildTools.psm1')

function Get-TestModulePath {
    if (-not $env:CAPMONSTER_TEST_MODULE) { throw 'CAPMONSTER_TEST_MODULE is not set: run the tests with ./build.ps1 Test.' }
    return $env:CAPMONSTER_TEST_MODULE
}

function Get-TestEmulatorUri {
    if (-not $env:CAPMONSTER_TEST_EMULATOR) { throw 'CAPMONSTER_TEST_EMULATOR is not set: run the tests with ./build.ps1 Test.' }
    return $env:CAPMONSTER_TEST_EMULATOR
}

function Get-TestEmulatorPath {
    # The built emulator, for a test that needs one of its own (fresh task ids, its own options).
    if (-not $env:CAPMONSTER_TEST_EMULATOR_PATH) { throw 'CAPMONSTER_TEST_EMULATOR_PATH is not set: run the tests with ./build.ps1 Test.' }
    return $env:CAPMONSTER_TEST_EMULATOR_PATH
}

function Invoke-InChildPwsh {
    <#
    .SYNOPSIS
    Runs a script block in a fresh pwsh with the module imported and the UI culture given through LANG, as a user's
    session would have it; returns what the block outputs (deserialized). Throws when the child fails.
    #>
    param(
        [Parameter(Mandatory)] [scriptblock] $ScriptBlock,
        [ValidatePattern('^[a-z]{2}-[A-Z]{2}$')] [string] $Culture = 'en-US',
        [object[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [switch] $NoModule
    )
    $work = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "capmonster-child-$([guid]::NewGuid())")
    try {
        $argsPath = Join-Path $work 'args.xml'
        $outPath = Join-Path $work 'out.xml'
        # Wrapped, so the list arrives as the list of arguments whatever it holds.
        Export-Clixml -LiteralPath $argsPath -InputObject @{ Arguments = $ArgumentList } -Depth 5
        $import = $NoModule ? '' : "Import-Module '$(Get-TestModulePath)' -ErrorAction Stop"
        $script = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
$import
`$arguments = @((Import-Clixml -LiteralPath '$argsPath').Arguments)
`$output = & { $ScriptBlock } @arguments
Export-Clixml -LiteralPath '$outPath' -InputObject @(`$output) -Depth 5
"@
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $lang = $Culture.Replace('-', '_') + '.UTF-8'
        $childEnvironment = @{ LANG = $lang; LC_ALL = $lang } + $Environment
        $code = Invoke-Pwsh -ArgumentList '-NonInteractive', '-EncodedCommand', $encoded -Environment $childEnvironment
        if ($code) { throw "The child pwsh ($Culture) failed with exit code $code." }
        return Import-Clixml -LiteralPath $outPath
    } finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
    }
}

function Test-SigIntIgnored {
    <#
    .SYNOPSIS
    Whether this process was started with SIGINT ignored (a job started with & from a script, or under nohup): its
    children inherit that, and .NET keeps a signal ignored at start ignored, so no Ctrl+C can reach them.
    #>
    if (-not $IsLinux) { return $false }
    $mask = (Get-Content -LiteralPath "/proc/$PID/status" | Where-Object { $_ -like 'SigIgn:*' }) -replace '^SigIgn:\s*', ''
    return ([Convert]::ToUInt64($mask, 16) -band 2) -ne 0   # bit 1: signal 2, SIGINT
}

function New-EmulatorKey {
    <#
    .SYNOPSIS
    Registers a fresh random key with the emulator and returns it: each test gets its own balance, scenarios and
    log entries, however the suites run.
    #>
    param([decimal] $Balance = 100)
    $key = [guid]::NewGuid().ToString('N')
    $null = Invoke-RestMethod -Method Post -Uri "$(Get-TestEmulatorUri)/emulator/keys" -ContentType 'application/json' `
        -Body (@{ key = $key; balance = $Balance } | ConvertTo-Json)
    return $key
}

function ConvertTo-TestSecureString([string] $Key) { return ConvertTo-SecureString $Key -AsPlainText -Force }

function Add-EmulatorScenario {
    <#
    .SYNOPSIS
    Queues an emulator scenario for the requests of one key (see src/Emulator/README.md for the kinds).
    #>
    param(
        [Parameter(Mandatory)] [string] $Key,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Kind,
        [int] $Count = 1,
        [hashtable] $With = @{}
    )
    $scenario = @{ key = $Key; method = $Method; kind = $Kind; count = $Count } + $With
    $null = Invoke-RestMethod -Method Post -Uri "$(Get-TestEmulatorUri)/emulator/scenarios" -ContentType 'application/json' -Body ($scenario | ConvertTo-Json)
}

function Get-EmulatorLog {
    <#
    .SYNOPSIS
    The requests the emulator received with one key (it logs a short hash of the key, never the key).
    #>
    param([Parameter(Mandatory)] [string] $Key, [string] $Method, [long] $TaskId)
    $keyId = Get-CapMonsterEmulatorKeyId $Key
    $query = "keyId=$keyId" + ($Method ? "&method=$Method" : '') + ($TaskId ? "&taskId=$TaskId" : '')
    # Invoke-RestMethod hands a JSON array over as one object; output it item by item.
    $entries = Invoke-RestMethod -Uri "$(Get-TestEmulatorUri)/emulator/log?$query"
    $entries
}

function Get-DocumentedApiCode {
    <#
    .SYNOPSIS
    The documented API error codes, as the emulator knows them (src/Emulator/ErrorCodes.cs, the one list the xunit
    and Pester tests share), independently of the module's catalog, so tests can hold the catalog to them.
    #>
    (Invoke-RestMethod -Uri "$(Get-TestEmulatorUri)/emulator/errors").code
}

function ConvertTo-CanonicalJson {
    <#
    .SYNOPSIS
    JSON with every object's keys sorted, so two values compare equal whatever their key order and kind
    (hashtable, PSCustomObject from ConvertFrom-Json).
    #>
    param([AllowNull()] $Value)
    function Sort-Keys($v) {
        if ($v -is [System.Collections.IDictionary]) {
            $sorted = [ordered]@{}
            foreach ($k in $v.Keys | Sort-Object -CaseSensitive) { $sorted[$k] = Sort-Keys $v[$k] }
            return $sorted
        }
        if ($v -is [System.Collections.IList]) { return , @(foreach ($item in $v) { Sort-Keys $item }) }
        return $v
    }
    $parsed = ConvertTo-Json -InputObject $Value -Depth 20 -Compress | ConvertFrom-Json -AsHashtable -NoEnumerate
    return ConvertTo-Json -InputObject (Sort-Keys $parsed) -Depth 20 -Compress
}

function Get-TaskTypeRow {
    <#
    .SYNOPSIS
    The built module's task-type table (TaskTypes.Rows, by reflection), one object per row: Name, Label (the name and
    its variant), Fields (every field, alternatives split), Required, Optional, VariantField, VariantValue, Proxy,
    MainAnswer, Deprecated. The tests that hold the recipe for a task type read the table itself.
    #>
    param([Parameter(Mandatory)] [System.Management.Automation.PSModuleInfo] $Module)
    $flags = [Reflection.BindingFlags] 'NonPublic, Public, Instance'
    $table = $Module.ImplementingAssembly.GetType('CapMonster.Tasks.TaskTypes', $true)
    foreach ($row in $table.GetField('Rows', [Reflection.BindingFlags] 'NonPublic, Static').GetValue($null)) {
        $get = { param($name) $row.GetType().GetProperty($name, $flags).GetValue($row) }
        $variantField = & $get VariantField
        $variantValue = & $get VariantValue
        [pscustomobject]@{
            Name         = & $get Name
            Label        = (& $get Name) + ($variantField ? " ($variantField=$($variantValue ?? 'absent'))" : '')
            Fields       = @(& $get AllFields)
            Required     = @(& $get Required)
            Optional     = @(& $get Optional)
            VariantField = $variantField
            VariantValue = $variantValue
            Proxy        = "$(& $get Proxy)"
            MainAnswer   = & $get MainAnswer
            Deprecated   = & $get Deprecated
        }
    }
}

function Get-TaskFieldParameter {
    <#
    .SYNOPSIS
    The [TaskField] parameters of New-CapMonsterTask (Names) and the parameter that carries a field of the table
    (ParameterName, a scriptblock: TaskTypes.ParameterName, by reflection).
    #>
    param([Parameter(Mandatory)] [System.Management.Automation.PSModuleInfo] $Module)
    $table = $Module.ImplementingAssembly.GetType('CapMonster.Tasks.TaskTypes', $true)
    $method = $table.GetMethod('ParameterName', [Reflection.BindingFlags] 'NonPublic, Public, Static')
    $command = Get-Command -Module $Module New-CapMonsterTask
    $fieldAttribute = $Module.ImplementingAssembly.GetType('CapMonster.Commands.TaskFieldAttribute', $true)
    [pscustomobject]@{
        Names         = @($command.Parameters.Values | Where-Object {
                $property = $command.ImplementingType.GetProperty($_.Name)
                $property -and $property.IsDefined($fieldAttribute, $true)
            } | ForEach-Object Name)
        ParameterName = { param([string] $field) $method.Invoke($null, @($field)) }.GetNewClosure()
    }
}

function Test-Cyrillic([string] $Text) { return $Text -match '\p{IsCyrillic}' }

# A loopback port nothing listens on.
function Get-ClosedPort {
    $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    return $port
}

# A fake service on 127.0.0.1 that answers every request with a 307 redirect to -Location (in a thread job).
function Start-RedirectingService([string] $Location) {
    $listener = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
    $listener.Start()
    $job = Start-ThreadJob -ArgumentList $listener, $Location -ScriptBlock {
        param($listener, $location)
        while ($true) {
            try { $client = $listener.AcceptTcpClient() } catch { return }
            try {
                $stream = $client.GetStream()
                $reader = [System.IO.StreamReader]::new($stream, [System.Text.Encoding]::ASCII)
                $length = 0
                while ($line = $reader.ReadLine()) { if ($line -match '^Content-Length:\s*(\d+)') { $length = [int] $Matches[1] } }
                $null = $reader.ReadBlock([char[]]::new($length), 0, $length)
                $bytes = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 307 Temporary Redirect`r`nLocation: $location`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
                $stream.Write($bytes, 0, $bytes.Length)
            } finally { $client.Close() }
        }
    }
    [pscustomobject]@{ Uri = "http://127.0.0.1:$($listener.LocalEndpoint.Port)/"; Listener = $listener; Job = $job }
}

function Stop-RedirectingService($Service) {
    $Service.Listener.Stop()
    $null = $Service.Job | Wait-Job -Timeout 10
    $Service.Job | Remove-Job -Force
}

Export-ModuleMember -Function Get-DocumentedApiCode, Get-TaskTypeRow, Get-TaskFieldParameter, Get-DotnetPath, Get-PwshCommand, Test-SigIntIgnored, Get-IsolatedEnvironment, Set-CapMonsterEmulatorLatency, Get-TestModulePath, Get-TestEmulatorUri, Get-TestEmulatorPath, Invoke-InChildPwsh, Test-Cyrillic,
    New-EmulatorKey, ConvertTo-TestSecureString, ConvertTo-CanonicalJson, Add-EmulatorScenario, Get-EmulatorLog,
    Get-ClosedPort, Start-RedirectingService, Stop-RedirectingService
