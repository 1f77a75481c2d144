# What users see: the default view, Format-Table and Format-List of every output type, held to the snapshots in
# Formatting/ (taken before the import-time work, so display changes only on purpose; see Get-FormattedOutput.ps1).
BeforeDiscovery {
    $snapshots = Get-ChildItem (Join-Path $PSScriptRoot 'Formatting') -Filter *.txt | ForEach-Object { @{ Name = $_.BaseName } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $formatted = @{}
    foreach ($case in & (Join-Path $PSScriptRoot 'Formatting/Get-FormattedOutput.ps1') -ModulePath (Get-TestModulePath) -EmulatorPath (Get-TestEmulatorPath)) {
        $formatted[$case.Name] = $case.Text
    }
}

Describe 'Formatted output' {
    It 'covers every output type a cmdlet declares, in each way it is shown' {
        $module = Import-Module (Get-TestModulePath) -PassThru
        $types = $module.ExportedCmdlets.Values.OutputType.Type | Where-Object { $_.Namespace -eq 'CapMonster' } | Sort-Object Name -Unique
        $expected = foreach ($type in $types) { foreach ($view in 'Default', 'Table', 'List') { "$($type.Name).$view" } }
        @($formatted.Keys | Sort-Object) | Should -Be @($expected | Sort-Object)
    }

    It 'shows <Name> as before' -ForEach $snapshots {
        $snapshot = (Get-Content -Raw -LiteralPath (Join-Path $PSScriptRoot "Formatting/$Name.txt")) -replace "`r`n", "`n"
        $formatted[$Name] | Should -BeExactly $snapshot.TrimEnd()
    }
}
