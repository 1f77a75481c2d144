<#
.SYNOPSIS
Writes about_CapMonsterTaskTypes.help.txt for every culture under -DocsPath into -OutputPath/<culture>/, from the
built module's task-type table (src/Module/Tasks/TaskTypes.cs, read by reflection), each type's section under TASK
TYPES in docs/<culture>/shared/TaskParameters.md and the topic's own words in docs/<culture>/about_CapMonsterTaskTypes.psd1.
./build.ps1 Build runs it and stages the topic with the MAML, so the topic cannot drift from the table; a type
without its section in a culture fails the build. Files are UTF-8 with a BOM (Windows PowerShell 5.1 needs it for
Cyrillic), lines at most 80 columns. No language is named here: a culture is a folder with those two files.

.EXAMPLE
dotnet pwsh ./tools/Update-AboutTaskTypes.ps1 -ModulePath out/CapMonster/0.1.0/CapMonster.psd1 -OutputPath out/help
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs'),
    [Parameter(Mandatory)] [string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'AboutTopic.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'HelpMarkdown.psm1') -Force

$module = Import-Module (Resolve-Path -LiteralPath $ModulePath).Path -PassThru
$tableType = $module.ImplementingAssembly.GetType('CapMonster.Tasks.TaskTypes', $true)
$static = [Reflection.BindingFlags] 'NonPublic, Public, Static'
$rows = $tableType.GetField('Rows', $static).GetValue($null)
$parameterName = $tableType.GetMethod('ParameterName', $static)
$noCache = $tableType.GetField('NoCache', $static).GetValue($null)
# The parameters that carry a task field ([TaskField]); -Task, the whole task object, is not metadata.Task's.
$taskCommand = Get-Command -Module $module New-CapMonsterTask
$fieldAttribute = $module.ImplementingAssembly.GetType('CapMonster.Commands.TaskFieldAttribute', $true)
$fieldParameters = @{}
foreach ($parameter in $taskCommand.Parameters.Values) {
    $property = $taskCommand.ImplementingType.GetProperty($parameter.Name)   # none for the common parameters
    if ($property -and $property.IsDefined($fieldAttribute, $true)) { $fieldParameters[$parameter.Name] = $parameter.Name }
}
function Get-Row($Row, [string] $Name) { $Row.GetType().GetProperty($Name, [Reflection.BindingFlags] 'NonPublic, Public, Instance').GetValue($Row) }

function Format-TaskField([string] $Field, $Row, $t) {
    # "a|b" is either field; a field is shown as the parameter that carries it, or by its JSON name when none does.
    $names = foreach ($alternative in $Field -split '\|') {
        $name = $parameterName.Invoke($null, @($alternative))
        $shown = $fieldParameters.ContainsKey($name) ? "-$($fieldParameters[$name])" : $alternative
        $shown + ((Get-Row $Row 'AllowEmpty') -contains $alternative ? $t.MayBeEmpty : '')
    }
    return $names -join $t.Or
}

function New-AboutTaskTypes($t, $Descriptions, [string] $Source) {
    $lines = [System.Collections.Generic.List[string]]::new()
    $add = { foreach ($arg in $args) { foreach ($line in $arg) { $lines.Add($line) } } }
    & $add $t.Topic '    about_CapMonsterTaskTypes' ''
    & $add $t.ShortHeading "    $($t.Short)" ''
    & $add $t.LongHeading
    foreach ($paragraph in $t.Long) { & $add (Format-Wrapped $paragraph -Indent 4) '' }

    & $add $t.Title
    $width = ($t.Labels.Values | ForEach-Object { "        ${_}:".Length } | Measure-Object -Maximum).Maximum + 1
    $described = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($row in $rows) {
        $name = Get-Row $row 'Name'
        $variantField = Get-Row $row 'VariantField'
        if ($described.Add($name)) {
            # What the type is, once per name, before its fields (or its variants).
            if (-not $Descriptions.Contains($name)) { throw "${Source}: the task type $name has no '### $name' section under '## TASK TYPES'." }
            & $add "    $name"
            foreach ($paragraph in $Descriptions[$name].Text) { & $add (Format-Wrapped $paragraph -Indent 8) '' }
        }
        if ($variantField) {
            $parameter = '-' + $parameterName.Invoke($null, @($variantField))
            $value = Get-Row $row 'VariantValue'
            & $add ('    ' + ($value ? ($t.VariantWith -f $name, $parameter, $value) : ($t.VariantWithout -f $name, $parameter)))
        }
        $class = Get-Row $row 'Class'
        $apiType = (Get-Row $row 'ApiType') + ($class ? ", $($t.Labels.Class) $class" : '')
        & $add (Format-Field $t.Labels.ApiType $apiType $width)
        $required = @(Get-Row $row 'Required' | ForEach-Object { Format-TaskField $_ $row $t })
        & $add (Format-Field $t.Labels.Required (($required -join ', ') ?? $t.None) $width)
        # A field that is also required (an alternative, or every field of a variant) is listed once, as required.
        $requiredFields = @(Get-Row $row 'Required' | ForEach-Object { $_ -split '\|' })
        $optional = @(Get-Row $row 'Optional' | Where-Object { $_ -ne $noCache -and $_ -notin $requiredFields } | ForEach-Object { Format-TaskField $_ $row $t })
        & $add (Format-Field $t.Labels.Optional ($optional ? ($optional -join ', ') : $t.None) $width)
        & $add (Format-Field $t.Labels.Proxy $t.Proxy["$(Get-Row $row 'Proxy')"] $width)
        & $add (Format-Field $t.Labels.Wait ($t.Seconds -f (Get-Row $row 'DefaultTimeout').TotalSeconds) $width)
        $answer = Get-Row $row 'MainAnswer'
        & $add (Format-Field $t.Labels.Answer ($answer ?? $t.WholeSolution) $width)
        $legacy = @(Get-Row $row 'LegacyTypes')
        if ($legacy) { & $add (Format-Field $t.Labels.Also ($legacy -join ', ') $width) }
        if (Get-Row $row 'Deprecated') { & $add (Format-Field $t.Labels.Deprecated $t.Deprecated $width) }
        & $add ''
    }
    & $add $t.SeeAlso '    about_CapMonster' '    New-CapMonsterTask' '    Invoke-CapMonsterTask' '    Wait-CapMonsterTask'
    return $lines
}

foreach ($words in Get-ChildItem -Path $DocsPath -Filter about_CapMonsterTaskTypes.psd1 -Recurse -Depth 1) {
    $culture = $words.Directory.Name
    $shared = Join-Path $words.DirectoryName 'shared/TaskParameters.md'
    $descriptions = (Read-HelpMarkdown $shared).TaskTypes
    $lines = New-AboutTaskTypes (Import-PowerShellDataFile -LiteralPath $words.FullName) $descriptions $shared
    Write-AboutTopic -Path (Join-Path $OutputPath "$culture/about_CapMonsterTaskTypes.help.txt") -Lines $lines
}
