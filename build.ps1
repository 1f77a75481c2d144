#!/usr/bin/env -S dotnet pwsh -NoProfile -File

<#
.SYNOPSIS
Builds, tests, packages and installs the CapMonster module.

.DESCRIPTION
Tasks (run in the order given; each pulls in what it needs):
  Build    publish the C# project and stage out/CapMonster/<version>/ (psd1, dll, dependencies/, formats, the about
           topics, the MAML help written from docs/<culture>/*.md and the cmdlets' metadata,
           about_CapMonsterErrors from docs/<culture>/about_CapMonsterErrors.md and the error catalog, and
           about_CapMonsterTaskTypes from the task-type table and docs/);
           build the emulator into out/emulator/
  Test     Build and Package, then the xunit tests of the C# core and of the emulator and the Pester suites
           (in a child pwsh, the module from out/); results under out/TestResults; the last line is the total.
           With -Fast (the inner loop): no packaging, so no install test, no Pester test tagged Slow; the Pester
           files in two child processes at once (an emulator each), xunit beside them. The full run is what CI
           runs, one suite after the other
  Package  Publish-PSResource to the local file repository out/repository (CapMonster.<version>.nupkg), and
           the emulator as the .NET tool package CapMonster.Emulator.<version>.nupkg beside it
  Install  Package, then Install-Module CapMonster for the current user from that repository
  TestWindowsPowerShell
           Windows only: Build, then the Pester suites written for Windows PowerShell 5.1 too
           (tests/Pester/WindowsPowerShell.Tests.ps1) in powershell.exe against the emulator
  Demo     Build, start the emulator and show the module at work
  Bench    Build, then measure the module against the emulator and print the figures beside their targets
  Clean    remove out/ and every bin/ and obj/

On a fresh machine with only the .NET SDK:  dotnet tool restore && dotnet pwsh ./build.ps1 Test
From bash or zsh in the repository's root, after dotnet tool restore:  ./build.ps1 Clean, Build

.EXAMPLE
dotnet pwsh ./build.ps1 Test

.EXAMPLE
./build.ps1 Clean, Build

.EXAMPLE
dotnet pwsh ./build.ps1 Test -Fast
#>
[CmdletBinding()]
param(
    # Several tasks run in the order given. From bash (pwsh -File) "Clean, Build" arrives as the words "Clean," and
    # "Build", so the words are gathered here and split at commas.
    [Parameter(Position = 0, ValueFromRemainingArguments)]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: the inner loop; skip packaging, the install test and the Pester tests tagged Slow; Pester in two processes.
    [switch] $Fast
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'tools/BuildTools.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'tools/HelpMarkdown.psm1') -Force

$KnownTasks = 'Clean', 'Build', 'Test', 'TestWindowsPowerShell', 'Package', 'Install', 'Demo', 'Bench'
$Task = @($Task -split ',' | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Task | Where-Object { $_ -notin $KnownTasks }) {
    throw "Unknown task '$name'. Tasks: $($KnownTasks -join ', ')."
}

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$Version = (Import-PowerShellDataFile (Join-Path $Root 'CapMonster.psd1')).ModuleVersion
$ModuleDir = Join-Path $Out "CapMonster/$Version"
$ManifestPath = Join-Path $ModuleDir 'CapMonster.psd1'
$EmulatorDll = Join-Path $Out 'emulator/CapMonster.Emulator.dll'
$RepositoryDir = Join-Path $Out 'repository'
$ResultsDir = Join-Path $Out 'TestResults'
$Done = [System.Collections.Generic.HashSet[string]]::new()

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Once([string] $Name, [scriptblock] $Body) {
    if ($Done.Add($Name)) { & $Body }
}

function Invoke-Clean {
    foreach ($dir in @($Out) + @(Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests'), (Join-Path $Root 'tools') -Directory -Recurse -Include bin, obj).FullName) {
        if (Test-Path -LiteralPath $dir) { Remove-Item -LiteralPath $dir -Recurse -Force }
    }
}

function Invoke-Build {
    Invoke-Once Build {
        $publish = Join-Path $Out 'publish'
        # Emptied first: what is staged is taken from it, so a language removed from the project leaves no satellite.
        if (Test-Path -LiteralPath $publish) { Remove-Item -LiteralPath $publish -Recurse -Force }
        Invoke-Dotnet publish (Join-Path $Root 'src/Module/CapMonster.csproj') -c $Configuration -o $publish "-p:Version=$Version" --nologo --verbosity quiet
        if (Test-Path -LiteralPath $ModuleDir) { Remove-Item -LiteralPath $ModuleDir -Recurse -Force }
        $dependencies = New-Item -ItemType Directory -Force (Join-Path $ModuleDir 'dependencies')

        # Only CapMonster.dll sits beside the psd1; the module initializer loads the rest from dependencies/.
        Copy-Item (Join-Path $publish 'CapMonster.dll'), (Join-Path $publish 'CapMonster.pdb') $ModuleDir
        Get-ChildItem $publish -Filter *.dll | Where-Object Name -NE 'CapMonster.dll' | Copy-Item -Destination $dependencies
        Copy-Item (Join-Path $Root 'CapMonster.psd1'), (Join-Path $Root 'LICENSE'), (Join-Path $Root 'src/Module/CapMonster.Format.ps1xml') $ModuleDir
        # The messages in each other language, where .NET looks for them: <culture>/CapMonster.resources.dll beside the
        # dll, one per Strings.<culture>.resx (a neutral ru/ serves ru-RU, ru-UA and every other Russian culture; the
        # rest fall back to the English in the dll).
        foreach ($satellite in Get-ChildItem $publish -Recurse -Filter CapMonster.resources.dll) {
            Copy-Item $satellite.FullName (New-Item -ItemType Directory -Force (Join-Path $ModuleDir $satellite.Directory.Name))
        }
        $null = Test-ModuleManifest -Path $ManifestPath

        # The cmdlets' MAML, from docs/<culture>/*.md and the staged cmdlets' own metadata, in a child pwsh: a loaded
        # binary module cannot be unloaded. The generated about topics are written beside it. Written again only when
        # what they are written from changed (it takes ~10 s): the docs, the writers, the catalog, the manifest and the
        # published assemblies, fingerprinted by content.
        $maml = Join-Path $Out 'help'
        $fingerprintPath = Join-Path $Out 'help.sha256'
        $sources = @(Get-ChildItem (Join-Path $Root 'docs') -File -Recurse) + @(Get-ChildItem (Join-Path $Root 'src/Module/Errors') -Filter *.json) +
            @(Get-ChildItem (Join-Path $Root 'tools') -File | Where-Object Extension -In '.ps1', '.psm1') + @(Get-Item $ManifestPath) +
            @(Get-ChildItem $publish -Filter *.dll)
        $fingerprint = ($sources | Sort-Object FullName | ForEach-Object { "$($_.FullName) $((Get-FileHash -LiteralPath $_.FullName).Hash)" }) -join "`n"
        if (-not ((Test-Path -LiteralPath $maml) -and (Test-Path -LiteralPath $fingerprintPath) -and (Get-Content -Raw $fingerprintPath) -ceq $fingerprint)) {
            Remove-Item -LiteralPath $maml, $fingerprintPath -Recurse -Force -ErrorAction Ignore
            $script = "Import-Module '$(Join-Path $Root 'tools/HelpMarkdown.psm1')'; " +
                "`$null = Write-MamlHelp -Module (Import-Module '$ManifestPath' -PassThru) -DocsPath '$(Join-Path $Root 'docs')' -OutputPath '$maml'; " +
                "& '$(Join-Path $Root 'tools/Write-AboutErrors.ps1')' -OutputRoot '$maml' 6>`$null; " +
                "& '$(Join-Path $Root 'tools/Write-AboutTaskTypes.ps1')' -ModulePath '$ManifestPath' -OutputPath '$maml' 6>`$null"
            $code = Invoke-Pwsh -ArgumentList '-NonInteractive', '-Command', "`$ErrorActionPreference = 'Stop'; $script"
            if ($code) { throw "Writing the help from docs/, the catalog and the task-type table failed with exit code $code." }
            Set-Content -LiteralPath $fingerprintPath -Value $fingerprint -NoNewline
        }
        # Every culture with help in docs/ gets its folder: the MAML and generated topics from out/help/<culture>, the
        # hand-written about topics from <culture>/. A language other than English with one culture in docs/ is staged
        # as its neutral culture too (ru-RU as ru/), where PowerShell looks for every other culture of the language
        # (ru-UA, ru-KZ...) before its own fallback, en-US.
        $cultures = @(Get-HelpCulture (Join-Path $Root 'docs') | ForEach-Object { [cultureinfo] $_.Name })
        foreach ($culture in $cultures) {
            $handWritten = Join-Path $Root $culture.Name
            if (-not (Test-Path -LiteralPath $handWritten)) { throw "docs/$($culture.Name) has help, but the repository has no $($culture.Name)/ folder with its about topics (about_CapMonster.help.txt)." }
            $neutral = $culture.IsNeutralCulture ? $culture : $culture.Parent
            $ofLanguage = @($cultures | Where-Object { $_.Name -eq $neutral.Name -or $_.Parent.Name -eq $neutral.Name })
            $targets = @($culture.Name) + ((-not $culture.IsNeutralCulture -and $neutral.Name -ne 'en' -and $ofLanguage.Count -eq 1) ? @($neutral.Name) : @())
            foreach ($name in $targets) {
                $target = New-Item -ItemType Directory -Force (Join-Path $ModuleDir $name)
                Get-ChildItem -LiteralPath $handWritten, (Join-Path $maml $culture.Name) -File | Copy-Item -Destination $target
            }
        }
        foreach ($maml in Get-ChildItem $ModuleDir -Recurse -Filter *-Help.xml) { $null = [xml] (Get-Content -Raw $maml) }

        Invoke-Dotnet publish (Join-Path $Root 'src/Emulator/CapMonster.Emulator.csproj') -c $Configuration -o (Join-Path $Out 'emulator') "-p:Version=$Version" --nologo --verbosity quiet
        Write-Host "Built CapMonster $Version in $ModuleDir"
    }
}

function Invoke-Package {
    Invoke-Once Package {
        Invoke-Build
        New-Item -ItemType Directory -Force $RepositoryDir | Out-Null
        Remove-Item (Join-Path $RepositoryDir "CapMonster.$Version.nupkg") -ErrorAction Ignore
        # In a child pwsh with its own HOME and XDG folders, so the developer's repositories stay as they are.
        $script = {
            param($ModuleDir, $RepositoryDir)
            $ErrorActionPreference = 'Stop'
            Register-PSResourceRepository -Name CapMonsterBuild -Uri $RepositoryDir -Trusted -Force
            Publish-PSResource -Path $ModuleDir -Repository CapMonsterBuild
        }
        $code = Invoke-Pwsh -ArgumentList '-Command', "& { $script } '$ModuleDir' '$RepositoryDir'" -Environment (Get-IsolatedEnvironment (Join-Path $Out 'isolated/package'))
        if ($code) { throw "Publish-PSResource failed with exit code $code." }
        Write-Host "Packaged $(Join-Path $RepositoryDir "CapMonster.$Version.nupkg")"

        # The emulator as a .NET tool: dotnet tool install CapMonster.Emulator --add-source out/repository
        Remove-Item (Join-Path $RepositoryDir "CapMonster.Emulator.$Version.nupkg") -ErrorAction Ignore
        Invoke-Dotnet pack (Join-Path $Root 'src/Emulator/CapMonster.Emulator.csproj') -c $Configuration -o $RepositoryDir "-p:Version=$Version" --nologo --verbosity quiet
        Write-Host "Packaged $(Join-Path $RepositoryDir "CapMonster.Emulator.$Version.nupkg")"
    }
}

function Invoke-Install {
    Invoke-Package
    $repository = 'CapMonsterLocalBuild'
    Register-PSRepository -Name $repository -SourceLocation $RepositoryDir -PublishLocation $RepositoryDir -InstallationPolicy Trusted
    try {
        Install-Module CapMonster -Repository $repository -RequiredVersion $Version -Scope CurrentUser -Force -AllowClobber
        # The repository's own PowerShell version: the newest tool package can lack a platform's runtime package.
        $pwshVersion = (Get-Content (Join-Path $Root '.config/dotnet-tools.json') -Raw | ConvertFrom-Json).tools.powershell.version
        Write-Host "Installed CapMonster $Version for the current user. Outside this repository, start PowerShell 7 with pwsh"
        Write-Host "(dotnet tool install --global PowerShell --version $pwshVersion, or your system's package), then: Import-Module CapMonster"
    } finally {
        Unregister-PSRepository -Name $repository
    }
}

function Get-PesterPath {
    $project = Join-Path $Root 'tools/modules.csproj'
    Invoke-Dotnet restore $project --nologo --verbosity quiet
    $packages = (& dotnet msbuild $project -getProperty:NuGetPackageRoot).Trim()
    $version = ([xml] (Get-Content -Raw $project)).Project.ItemGroup.PackageDownload |
        Where-Object Include -EQ 'Pester' | ForEach-Object { $_.Version.Trim('[', ']') }
    return Join-Path $packages "pester/$version/tools/Pester.psd1"
}

function Invoke-Test {
    if ($Fast) { Invoke-Build } else { Invoke-Package }
    $pester = Get-PesterPath
    if (Test-Path -LiteralPath $ResultsDir) { Remove-Item -LiteralPath $ResultsDir -Recurse -Force }
    New-Item -ItemType Directory -Force $ResultsDir | Out-Null

    # xunit: the C# core, then the emulator; each run reports its counts even when a test fails. With -Fast it runs
    # beside Pester (which mostly waits on the emulator) and its output comes after Pester's.
    $xunit = {
        param($Root, $Configuration, $ResultsDir)
        foreach ($project in 'CapMonster.Tests', 'CapMonster.Emulator.Tests') {
            $log = & dotnet test (Join-Path $Root "tests/$project/$project.csproj") -c $Configuration --nologo `
                --logger "trx;LogFileName=$project.trx" --logger 'console;verbosity=minimal' --results-directory $ResultsDir 2>&1
            $trx = Join-Path $ResultsDir "$project.trx"
            $counts = (Test-Path $trx) ? ([xml] (Get-Content -Raw $trx)).TestRun.ResultSummary.Counters : $null
            $failed = $counts ? [int] $counts.failed : 1
            if ($LASTEXITCODE -and -not $failed) { $failed = 1 }   # the runner failed without a failing test: count it
            [pscustomobject]@{ Log = $log -join [Environment]::NewLine; Passed = $counts ? [int] $counts.passed : 0; Failed = $failed }
        }
    }
    $xunitArgs = $Root, $Configuration, $ResultsDir
    $xunitJob = $Fast ? (Start-ThreadJob $xunit -ArgumentList $xunitArgs) : $null
    $xunitCounts = $Fast ? $null : (& $xunit @xunitArgs | ForEach-Object { Write-Host $_.Log; $_ })

    # Pester in a child pwsh: a loaded binary module cannot be unloaded.
    $summaryPath = Join-Path $ResultsDir 'pester-summary.json'
    $pesterArgs = @('-File', (Join-Path $Root 'tests/Invoke-PesterTests.ps1'), '-PesterPath', $pester,
        '-ModulePath', $ManifestPath, '-EmulatorPath', $EmulatorDll, '-ResultsPath', $ResultsDir)
    # With -Fast, two child processes with an emulator each share the files, balanced by the last fast run's times.
    $pesterArgs += $Fast ? @('-ExcludeTag', 'Slow', '-Shards', 2, '-TimingsPath', (Join-Path $Out 'pester-seconds-fast.json')) : @('-RepositoryPath', $RepositoryDir)
    $pesterExit = Invoke-Pwsh -ArgumentList $pesterArgs
    $pesterCounts = (Test-Path $summaryPath) ? (Get-Content -Raw $summaryPath | ConvertFrom-Json) : [pscustomobject]@{ Passed = 0; Failed = 1 }
    if ($xunitJob) { $xunitCounts = $xunitJob | Receive-Job -Wait -AutoRemoveJob | ForEach-Object { Write-Host $_.Log; $_ } }

    $xunitPassed = ($xunitCounts | Measure-Object Passed -Sum).Sum
    $xunitFailed = ($xunitCounts | Measure-Object Failed -Sum).Sum
    $passed = $xunitPassed + $pesterCounts.Passed
    $failed = $xunitFailed + $pesterCounts.Failed
    Write-Host "xunit: $xunitPassed passed, $xunitFailed failed; Pester: $($pesterCounts.Passed) passed, $($pesterCounts.Failed) failed"
    if ($pesterExit -and -not $pesterCounts.Failed) { $failed++ }
    Write-Host "$passed passed, $failed failed"
    if ($failed) { exit 1 }
}

function Invoke-TestWindowsPowerShell {
    if (-not $IsWindows) { throw 'TestWindowsPowerShell runs the module in powershell.exe (Windows PowerShell 5.1): it needs Windows.' }
    Invoke-Build
    $pester = Get-PesterPath
    New-Item -ItemType Directory -Force $ResultsDir | Out-Null
    # The other suites use PowerShell 7 syntax and features; this one is written for both.
    $suites = @(Join-Path $Root 'tests/Pester/WindowsPowerShell.Tests.ps1')
    $emulator = Start-CapMonsterEmulator -Path $EmulatorDll
    $saved = @{ CAPMONSTER_TEST_MODULE = $env:CAPMONSTER_TEST_MODULE; CAPMONSTER_TEST_EMULATOR = $env:CAPMONSTER_TEST_EMULATOR }
    try {
        $env:CAPMONSTER_TEST_MODULE = $ManifestPath
        $env:CAPMONSTER_TEST_EMULATOR = $emulator.Uri.ToString().TrimEnd('/')
        $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$configuration = New-PesterConfiguration
`$configuration.Run.Path = @('$($suites -join "', '")')
`$configuration.Run.PassThru = `$true
`$configuration.Output.Verbosity = 'Detailed'
`$configuration.TestResult.Enabled = `$true
`$configuration.TestResult.OutputFormat = 'JUnitXml'
`$configuration.TestResult.OutputPath = '$(Join-Path $ResultsDir 'pester-windowspowershell.xml')'
`$result = Invoke-Pester -Configuration `$configuration
exit (`$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount)
"@
        & powershell.exe -NoLogo -NoProfile -ExecutionPolicy Bypass -Command $script | Out-Host
        $code = $LASTEXITCODE
    } finally {
        Stop-CapMonsterEmulator $emulator
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    if ($code) { throw "Windows PowerShell 5.1: $code failed." }
}

function Invoke-Demo {
    Invoke-Build
    $code = Invoke-Pwsh -ArgumentList '-File', (Join-Path $Root 'tools/Demo.ps1'), '-ModulePath', $ManifestPath, '-EmulatorPath', $EmulatorDll
    if ($code) { throw "The demo failed with exit code $code." }
}

function Invoke-Bench {
    Invoke-Build
    $bare = Join-Path $Out 'bench/BareModule'
    Invoke-Dotnet build (Join-Path $Root 'bench/BareModule/BareModule.csproj') -c $Configuration -o $bare --nologo --verbosity quiet
    Copy-Item (Join-Path $Root 'bench/BareModule/BareModule.psd1'), (Join-Path $Root 'bench/BareModule/BareModule.Format.ps1xml') $bare
    $code = Invoke-Pwsh -ArgumentList '-File', (Join-Path $Root 'bench/Invoke-Benchmarks.ps1'), '-ModulePath', $ManifestPath,
        '-BareModulePath', (Join-Path $bare 'BareModule.psd1'), '-EmulatorPath', $EmulatorDll
    if ($code) { throw "The benchmarks failed with exit code $code." }
}

foreach ($name in $Task) {
    switch ($name) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'TestWindowsPowerShell' { Invoke-TestWindowsPowerShell }
        'Package' { Invoke-Package }
        'Install' { Invoke-Install }
        'Demo' { Invoke-Demo }
        'Bench' { Invoke-Bench }
    }
}
