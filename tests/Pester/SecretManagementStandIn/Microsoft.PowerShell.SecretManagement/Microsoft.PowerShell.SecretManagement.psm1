# Stand-in for Microsoft.PowerShell.SecretManagement, which cannot be installed on the build machines: Get-Secret
# with the real one's parameters (-Name, -Vault, -AsPlainText; -InputObject) and its behaviour for what
# Connect-CapMonster relies on: String and SecureString secrets come back as a SecureString (as plain text with
# -AsPlainText), other types as they are, and a missing secret or vault is an error. Used by Connection.Tests.ps1
# and by the help examples (Help.Tests.ps1), with the secrets from the JSON file named by CAPMONSTER_TEST_SECRETS:
# { "<vault>": { "<name>": { "Type": "String|SecureString|PSCredential|Hashtable", "Value": "..." } } }.
function Get-Secret {
    [CmdletBinding(DefaultParameterSetName = 'NameParameterSet')]
    param(
        [Parameter(ParameterSetName = 'NameParameterSet', Position = 0, Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [ValidateNotNullOrEmpty()] [string] $Name,
        [Parameter(ParameterSetName = 'NameParameterSet', Position = 1, ValueFromPipelineByPropertyName)]
        [string] $Vault,
        [Parameter(ParameterSetName = 'InfoParameterSet', Position = 0, Mandatory, ValueFromPipeline)]
        [object] $InputObject,
        [switch] $AsPlainText
    )
    $store = Get-Content -Raw $env:CAPMONSTER_TEST_SECRETS | ConvertFrom-Json -AsHashtable
    if ($Vault -and -not $store.ContainsKey($Vault)) { Write-Error "Vault $Vault does not exist in registry."; return }
    foreach ($v in ($Vault ? @($Vault) : @($store.Keys | Sort-Object))) {
        $secret = $store[$v][$Name]
        if (-not $secret) { continue }
        $value = $secret.Value
        switch ($secret.Type) {
            { $_ -in 'String', 'SecureString' } { if ($AsPlainText) { $value } else { ConvertTo-SecureString $value -AsPlainText -Force } }
            'PSCredential' { [pscredential]::new('user', (ConvertTo-SecureString $value -AsPlainText -Force)) }
            'Hashtable' { @{ Key = $value } }
        }
        return
    }
    Write-Error "Get-Secret : The secret $Name was not found."
}
Export-ModuleMember -Function Get-Secret
