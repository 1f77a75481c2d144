@{
    RootModule        = 'BareModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '5b0f7a57-2d7e-4f69-9d3c-0f4a8f3e2b11'
    Author            = 'CapMonster benchmarks'
    Description       = 'One cmdlet and one table view: the yardstick for CapMonster''s import time.'
    PowerShellVersion = '5.1'
    FormatsToProcess  = @('BareModule.Format.ps1xml')
    CmdletsToExport   = @('Get-Bare')
    FunctionsToExport = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
