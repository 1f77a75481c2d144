# Helpers shared by build.ps1, the Pester runner and the tests: starting PowerShell and the emulator.
Set-StrictMode -Version Latest

function Get-PwshCommand {
    <#
    .SYNOPSIS
    The command line that starts this same PowerShell in a child process, as an array: the executable first.
    Under `dotnet pwsh` (the repository's tool manifest) there is no pwsh executable, only pwsh.dll.
    #>
    $exe = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    if (Test-Path -LiteralPath $exe -PathType Leaf) { return , @($exe) }
    return , @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll'))
}

function Get-DotnetPath {
    <#
    .SYNOPSIS
    The dotnet host: the one that started this process when it is dotnet, else the one on PATH.
    #>
    if ($env:DOTNET_HOST_PATH -and (Test-Path -LiteralPath $env:DOTNET_HOST_PATH)) { return $env:DOTNET_HOST_PATH }
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { return [Environment]::ProcessPath }
    return (Get-Command dotnet -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
}

function Invoke-Pwsh {
    <#
    .SYNOPSIS
    Runs a child pwsh with the given arguments and environment overrides; its output goes to the host, and the
    function returns only the exit code.
    #>
    param(
        [Parameter(Mandatory)] [string[]] $ArgumentList,
        [hashtable] $Environment = @{}
    )
    $pwsh = Get-PwshCommand
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        $rest = @($pwsh | Select-Object -Skip 1) + @('-NoLogo', '-NoProfile') + $ArgumentList
        & $pwsh[0] @rest | Out-Host
        return $LASTEXITCODE
    } finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function Get-IsolatedEnvironment {
    <#
    .SYNOPSIS
    Environment overrides that give a child pwsh its own HOME, module path and PSResourceGet/PowerShellGet stores
    under -Path, so installing or registering repositories there leaves the user's own setup alone.
    #>
    param([Parameter(Mandatory)] [string] $Path)
    $environment = @{ HOME = (New-Item -ItemType Directory -Force $Path).FullName; PSModulePath = $null }
    # .NET returns an empty path for a missing XDG folder, so every folder is created first.
    foreach ($name in 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'LOCALAPPDATA', 'APPDATA') {
        $environment[$name] = (New-Item -ItemType Directory -Force (Join-Path $Path $name)).FullName
    }
    return $environment
}

function Start-CapMonsterEmulator {
    <#
    .SYNOPSIS
    Starts the CapMonster Cloud emulator on 127.0.0.1 and returns an object with its Uri and Process.
    -Path is the built CapMonster.Emulator.dll (run with dotnet) or the installed tool's capmonster-emulator.
    Its first line of output is its base URL; everything after it is discarded.
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string[]] $ArgumentList = @()
    )
    if (-not (Test-Path -LiteralPath $Path)) { throw "The emulator is not built: $Path. Run ./build.ps1 Build." }
    $isDll = [IO.Path]::GetExtension($Path) -eq '.dll'
    $info = [System.Diagnostics.ProcessStartInfo]::new($isDll ? (Get-DotnetPath) : $Path)
    if ($isDll) { $info.ArgumentList.Add($Path) }
    foreach ($arg in @('--port', '0', '--exit-on-stdin-close') + $ArgumentList) { $info.ArgumentList.Add($arg) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $readLine = $process.StandardOutput.ReadLineAsync()
    if (-not $readLine.Wait([TimeSpan]::FromSeconds(30)) -or -not $readLine.Result) {
        $process.Kill($true)
        throw 'The emulator did not print its base URL within 30 seconds.'
    }
    # Keep draining stdout so the emulator never blocks on a full pipe.
    $null = $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null)
    [pscustomobject]@{ Uri = [uri] $readLine.Result.Trim(); Process = $process }
}

function Set-CapMonsterEmulatorLatency {
    <#
    .SYNOPSIS
    Sets the running emulator's solve-time range (milliseconds) for tasks created from now on; returns the range it
    had, to restore later.
    #>
    param([Parameter(Mandatory)] [string] $Uri, [Parameter(Mandatory)] [int] $Min, [Parameter(Mandatory)] [int] $Max)
    $before = Invoke-RestMethod "$($Uri.TrimEnd('/'))/emulator/config"
    $null = Invoke-RestMethod -Method Post "$($Uri.TrimEnd('/'))/emulator/config" -ContentType 'application/json' -Body (@{ latencyMinMs = $Min; latencyMaxMs = $Max } | ConvertTo-Json)
    return [pscustomobject]@{ Min = [int] $before.latencyMinMs; Max = [int] $before.latencyMaxMs }
}

function Stop-CapMonsterEmulator {
    <#
    .SYNOPSIS
    Stops an emulator started by Start-CapMonsterEmulator: closing its stdin asks it to exit.
    #>
    param([Parameter(Mandatory)] $Emulator)
    $process = $Emulator.Process
    if ($process.HasExited) { return }
    $process.StandardInput.Close()
    if (-not $process.WaitForExit(10000)) { $process.Kill($true) }
}

function Get-CapMonsterEmulatorKeyId {
    <#
    .SYNOPSIS
    The short hash under which the emulator logs a key (it never logs the key itself).
    #>
    param([Parameter(Mandatory)] [string] $Key)
    $sha = [System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes(($Key -split '__')[0]))
    return [Convert]::ToHexString($sha, 0, 4).ToLowerInvariant()
}

function Measure-CapMonsterSoak {
    <#
    .SYNOPSIS
    Accounts for a soak run (the benchmark's and the Pester suite's) from the emulator's request log: every input
    must end as a result or as an error naming it, every task whose id reached the client as a result or an error
    naming its id, and no input may be created twice. Inputs are told apart by their websiteKey.
    #>
    param(
        [Parameter(Mandatory)] [string] $Uri,
        [Parameter(Mandatory)] [string] $Key,
        [Parameter(Mandatory)] [string[]] $InputKeys,
        [object[]] $Results = @(),
        [object[]] $Errors = @()
    )
    # Invoke-RestMethod hands a JSON array over as one object: unroll it.
    $base = "$($Uri.TrimEnd('/'))/emulator/log?keyId=$(Get-CapMonsterEmulatorKeyId $Key)"
    $log = @(Invoke-RestMethod "$base&method=createTask" | ForEach-Object { $_ })
    # A task exists for each createTask the emulator handled without an error; its id reached the client unless the
    # answer was cut (abort, truncated).
    $created = @($log | Where-Object { $_.taskId -and -not $_.errorCode -and $_.httpStatus -eq 200 -and $_.scenario -notin 'html', 'http', 'empty', 'reset' })
    $reached = @($created | Where-Object { $_.scenario -notin 'abort', 'truncated' })
    $inputOfTask = @{}
    foreach ($entry in $created) { $inputOfTask[[long] $entry.taskId] = [string] $entry.body.task.websiteKey }
    $resultIds = [System.Collections.Generic.HashSet[long]]::new()
    foreach ($result in $Results) { $null = $resultIds.Add([long] $result.TaskId) }
    $errorIds = [System.Collections.Generic.HashSet[long]]::new()
    $erredInputs = [System.Collections.Generic.HashSet[string]]::new()
    $unnamed = 0
    foreach ($record in $Errors) {
        $target = $record.TargetObject
        if ($target -is [CapMonster.CaptchaTask]) { $null = $errorIds.Add($target.TaskId) }
        elseif ($target -is [System.Collections.IDictionary] -and $target['websiteKey']) { $null = $erredInputs.Add([string] $target['websiteKey']) }
        elseif ($target -and $target.PSObject.Properties['WebsiteKey']) { $null = $erredInputs.Add([string] $target.WebsiteKey) }
        else { $unnamed++ }
    }
    $endedInputs = [System.Collections.Generic.HashSet[string]]::new($erredInputs)
    foreach ($id in @($resultIds) + @($errorIds)) { if ($inputOfTask.ContainsKey($id)) { $null = $endedInputs.Add($inputOfTask[$id]) } }
    [pscustomobject]@{
        Inputs          = $InputKeys.Count
        InputsAccounted = @($InputKeys | Where-Object { $endedInputs.Contains($_) }).Count
        InputErrorsUnnamed = $unnamed
        TasksReached    = $reached.Count
        TasksAccounted  = @($reached | Where-Object { $resultIds.Contains([long] $_.taskId) -or $errorIds.Contains([long] $_.taskId) }).Count
        CreatedTwice    = @($created | Group-Object { $_.body.task.websiteKey } | Where-Object Count -GT 1).Count
        Results         = $resultIds.Count
        Errors          = @($Errors).Count
        Faults          = @(Invoke-RestMethod $base | ForEach-Object { $_ } | Where-Object scenario).Count
    }
}

Export-ModuleMember -Function Get-PwshCommand, Get-DotnetPath, Invoke-Pwsh, Get-IsolatedEnvironment, Start-CapMonsterEmulator, Set-CapMonsterEmulatorLatency, Stop-CapMonsterEmulator,
    Get-CapMonsterEmulatorKeyId, Measure-CapMonsterSoak
