# The module as a package: manifest, exports, layout, dependencies.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $manifestPath = Get-TestModulePath
    $module = Import-Module $manifestPath -PassThru -Force
    $manifest = Import-PowerShellDataFile $manifestPath
    $assembly = [CapMonster.ErrorInfo].Assembly
}

Describe 'The manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $manifestPath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'exports exactly the cmdlets the dll defines' {
        $inDll = $assembly.GetExportedTypes() |
            Where-Object { -not $_.IsAbstract -and $_.IsSubclassOf([System.Management.Automation.Cmdlet]) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        @($manifest.CmdletsToExport | Sort-Object) | Should -Be @($inDll | Sort-Object)
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($inDll | Sort-Object)
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($name in $module.ExportedCmdlets.Keys) { ($name -split '-')[0] | Should -BeIn $approved -Because $name }
    }

    It 'names both editions, PowerShell 5.1, and has the Gallery metadata' {
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.Author | Should -Not -BeNullOrEmpty
        $manifest.Description | Should -Not -BeNullOrEmpty
        $data = $manifest.PrivateData.PSData
        foreach ($tag in 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS') { $data.Tags | Should -Contain $tag }
        foreach ($uri in $data.ProjectUri, $data.LicenseUri, $data.ReleaseNotes) { [uri]::IsWellFormedUriString($uri, 'Absolute') | Should -BeTrue }
    }

    It 'writes every list as one comma-separated constant, which import reads without running it' {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($manifestPath, [ref] $null, [ref] $null)
        $lists = $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.ArrayExpressionAst] }, $true)
        foreach ($list in $lists) { $list.SubExpression.Statements.Count | Should -BeLessOrEqual 1 -Because $list.Extent.Text }
    }

    It 'has no HelpInfoURI, since there is no updatable help to serve' {
        $manifest.Keys | Should -Not -Contain 'HelpInfoURI'
    }

    It 'gives the assembly the manifest''s version' {
        $assembly.GetName().Version.ToString(3) | Should -Be $manifest.ModuleVersion
    }
}

Describe 'The staged module' {
    BeforeAll { $base = $module.ModuleBase }

    It 'keeps only CapMonster.dll beside the manifest and the rest in dependencies/' {
        @(Get-ChildItem $base -Filter *.dll).Name | Should -Be @('CapMonster.dll')
        @(Get-ChildItem (Join-Path $base 'dependencies') -Filter *.dll).Name | Should -Contain 'System.Text.Json.dll'
        Join-Path $base 'dependencies/System.Management.Automation.dll' | Should -Not -Exist
    }

    It 'ships System.Text.Json 8.0.x, whose assembly version PowerShell 7''s own copy satisfies' {
        $stj = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $base 'dependencies/System.Text.Json.dll'))
        $stj.Version | Should -Be ([version] '8.0.0.0')
        $referenced = $assembly.GetReferencedAssemblies() | Where-Object Name -EQ 'System.Text.Json'
        $referenced.Version | Should -Be ([version] '8.0.0.0')
    }

    It 'has a help folder for every culture in docs/, plus ru for ru-RU, each with the MAML and the about topics' {
        # build.ps1 stages the cultures it finds (none is listed anywhere); a language other than English with one
        # culture in docs/ is staged as its neutral culture too, where PowerShell looks for the language's other cultures.
        Import-Module (Join-Path $PSScriptRoot '../../tools/HelpMarkdown.psm1') -Force
        $cultures = @((Get-HelpCulture (Join-Path $PSScriptRoot '../../docs')).Name)
        $neutrals = @($cultures | ForEach-Object { ([cultureinfo] $_).Parent.Name } | Group-Object -NoElement |
            Where-Object { $_.Name -and $_.Count -eq 1 -and $_.Name -ne 'en' -and $_.Name -notin $cultures } | ForEach-Object Name)
        $expected = @($cultures + $neutrals | Sort-Object)
        $expected | Should -Contain 'ru'
        $staged = @(Get-ChildItem $base -Directory | Where-Object { Test-Path (Join-Path $_.FullName 'CapMonster.dll-Help.xml') } | ForEach-Object Name | Sort-Object)
        $staged | Should -Be $expected
        foreach ($folder in $expected) {
            foreach ($file in 'about_CapMonster.help.txt', 'about_CapMonsterErrors.help.txt', 'about_CapMonsterTaskTypes.help.txt') {
                Join-Path $base "$folder/$file" | Should -Exist
            }
        }
    }

    It 'has the format file' {
        Join-Path $base 'CapMonster.Format.ps1xml' | Should -Exist
    }

    It 'has a format view for every type a cmdlet declares as its output' {
        $types = $module.ExportedCmdlets.Values.OutputType.Type | Where-Object { $_.Namespace -eq 'CapMonster' } | Sort-Object FullName -Unique
        $types.FullName | Should -Contain 'CapMonster.CaptchaResult'
        foreach ($type in $types) { Get-FormatData -TypeName $type.FullName | Should -Not -BeNullOrEmpty -Because $type.FullName }
    }

    It 'registers the dependency resolver as the module initializer' {
        [CapMonster.ModuleInitializer]::new() | Should -BeOfType ([System.Management.Automation.IModuleAssemblyInitializer])
    }
}
