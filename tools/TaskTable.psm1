# The built module's task-type table (src/Module/Tasks/TaskTypes.cs), read by reflection in one place for the
# generators that write help from it (about_CapMonsterTaskTypes, each task field parameter's list of types).
Set-StrictMode -Version Latest

function Get-TaskTable {
    <#
    .SYNOPSIS
    TaskTypes.Rows as objects with every property of a TaskTypeRow (Name, ApiType, Class, Required, Optional, Proxy,
    DefaultTimeout, MainAnswer, LegacyTypes, VariantField, VariantValue, AllowEmpty, Deprecated...), NoCache, and
    FieldParameter: for every field of the table ("websiteURL", "metadata.Grid"), the [TaskField] parameter of
    New-CapMonsterTask that carries it, spelt as the cmdlet spells it; a field without one (metadata.Task) is absent.
    #>
    param([Parameter(Mandatory)] [System.Management.Automation.PSModuleInfo] $Module)
    $tableType = $Module.ImplementingAssembly.GetType('CapMonster.Tasks.TaskTypes', $true)
    $static = [Reflection.BindingFlags] 'NonPublic, Public, Static'
    $instance = [Reflection.BindingFlags] 'NonPublic, Public, Instance'
    $rows = foreach ($row in $tableType.GetField('Rows', $static).GetValue($null)) {
        $properties = [ordered]@{}
        foreach ($property in $row.GetType().GetProperties($instance)) { $properties[$property.Name] = $property.GetValue($row) }
        [pscustomobject] $properties
    }
    $command = Get-Command -Module $Module New-CapMonsterTask
    $taskFields = @{}   # case-insensitive: the field websiteURL is the parameter WebsiteUrl
    foreach ($name in $command.Parameters.Keys | Where-Object { Test-TaskFieldParameter $command $_ }) { $taskFields[$name] = $name }
    $parameterName = $tableType.GetMethod('ParameterName', $static)
    $fieldParameter = @{}
    foreach ($field in $rows | ForEach-Object { $_.AllFields; $_.VariantField } | Where-Object { $_ } | Select-Object -Unique) {
        $name = $parameterName.Invoke($null, @([string] $field))
        if ($taskFields.ContainsKey($name)) { $fieldParameter[$field] = $taskFields[$name] }
    }
    return [pscustomobject]@{
        Rows            = @($rows)
        NoCache         = $tableType.GetField('NoCache', $static).GetValue($null)
        FieldParameter  = $fieldParameter
        FieldParameters = @($taskFields.Values | Sort-Object)
    }
}

function Test-TaskFieldParameter([System.Management.Automation.CmdletInfo] $Command, [string] $Name) {
    # Whether the cmdlet's parameter carries a task field ([TaskField]); -Task, the whole task object, does not.
    $property = $Command.ImplementingType.GetProperty($Name)   # none for the common parameters
    if (-not $property) { return $false }
    $attribute = $Command.ImplementingType.Assembly.GetType('CapMonster.Commands.TaskFieldAttribute', $true)
    return $property.IsDefined($attribute, $true)
}

function Get-TaskFieldUse {
    <#
    .SYNOPSIS
    Which rows take the [TaskField] parameter -Parameter, and how: one object per row that takes it, with Row,
    Required (true when a required entry names it, alone or as an alternative) and Alternatives (the other fields of
    that "a|b" entry). A field both required as an alternative and listed as optional (Amazon's captchaScript) is
    required.
    #>
    param([Parameter(Mandatory)] $Table, [Parameter(Mandatory)] [string] $Parameter)
    $carries = { param($field) $Table.FieldParameter[$field] -eq $Parameter }
    foreach ($row in $Table.Rows) {
        $entry = $row.Required | Where-Object { @($_ -split '\|' | Where-Object { & $carries $_ }).Count } | Select-Object -First 1
        if ($entry) {
            [pscustomobject]@{ Row = $row; Required = $true; Alternatives = @($entry -split '\|' | Where-Object { -not (& $carries $_) }) }
        } elseif (@($row.Optional | Where-Object { & $carries $_ }).Count) {
            [pscustomobject]@{ Row = $row; Required = $false; Alternatives = @() }
        }
    }
}

Export-ModuleMember -Function Get-TaskTable, Test-TaskFieldParameter, Get-TaskFieldUse
