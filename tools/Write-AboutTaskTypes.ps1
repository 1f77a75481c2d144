<#
.SYNOPSIS
Writes -OutputPath/<culture>/about_CapMonsterTaskTypes.help.txt for every docs/<culture>/about_CapMonsterTaskTypes.md,
from that file (the topic's headings and prose, and in its front matter the words of each type's fields), the built
module's task-type table (src/Module/Tasks/TaskTypes.cs, read by tools/TaskTable.psm1) and each type's section under TASK
TYPES in docs/<culture>/shared/TaskParameters.md. ./build.ps1 Build runs it and stages the topic with the MAML, so
the topic cannot drift from the table; a type without its section in a culture fails the build. Files are UTF-8 with
a BOM (Windows PowerShell 5.1 needs it for Cyrillic), lines at most 80 columns. No language is named here: a culture
is a folder with those two files; tools/AboutTopic.psm1 reads the topic's file as it reads about_CapMonsterErrors.md.

.EXAMPLE
dotnet pwsh ./tools/Write-AboutTaskTypes.ps1 -ModulePath out/CapMonster/0.1.0/CapMonster.psd1 -OutputPath out/help
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
Import-Module (Join-Path $PSScriptRoot 'TaskTable.psm1') -Force

$TopicName = 'about_CapMonsterTaskTypes'

$module = Import-Module (Resolve-Path -LiteralPath $ModulePath).Path -PassThru
$table = Get-TaskTable $module
$rows = $table.Rows

function Format-TaskField([string] $Field, $Row, $Source) {
    # "a|b" is either field; a field is shown as the parameter that carries it, or by its JSON name when none does.
    $names = foreach ($alternative in $Field -split '\|') {
        $shown = $table.FieldParameter.ContainsKey($alternative) ? "-$($table.FieldParameter[$alternative])" : $alternative
        $shown + ($Row.AllowEmpty -contains $alternative ? " $(Get-TopicWord $Source MayBeEmpty)" : '')
    }
    return $names -join " $(Get-TopicWord $Source Or) "
}

function Format-TaskTypes($Source, $Descriptions, [string] $DescriptionsPath) {
    $labels = 'ApiType', 'Required', 'Optional', 'Proxy', 'Wait', 'Answer', 'Also', 'Deprecated' | ForEach-Object -Begin { $l = @{} } -Process { $l[$_] = Get-TopicWord $Source "Label.$_" } -End { $l }
    $width = Get-LabelWidth $labels.Values
    $none = Get-TopicWord $Source None
    $described = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($row in $rows) {
        $name = $row.Name
        $variantField = $row.VariantField
        if ($described.Add($name)) {
            # What the type is, once per name, before its fields (or its variants).
            if (-not $Descriptions.Contains($name)) { throw "${DescriptionsPath}: the task type $name has no '### $name' section under '## TASK TYPES'." }
            "    $name"
            foreach ($paragraph in $Descriptions[$name].Text) { Format-Wrapped $paragraph -Indent 8; '' }
        }
        if ($variantField) {
            $parameter = '-' + $table.FieldParameter[$variantField]
            $value = $row.VariantValue
            '    ' + ($value ? ((Get-TopicWord $Source VariantWith) -f $name, $parameter, $value) : ((Get-TopicWord $Source VariantWithout) -f $name, $parameter))
        }
        $class = $row.Class
        $apiType = $row.ApiType + ($class ? ", $(Get-TopicWord $Source Class) $class" : '')
        Format-Field $labels.ApiType $apiType $width
        $required = @($row.Required | ForEach-Object { Format-TaskField $_ $row $Source })
        Format-Field $labels.Required ($required ? ($required -join ', ') : $none) $width
        # A field that is also required (an alternative, or every field of a variant) is listed once, as required.
        $requiredFields = @($row.Required | ForEach-Object { $_ -split '\|' })
        $optional = @($row.Optional | Where-Object { $_ -ne $table.NoCache -and $_ -notin $requiredFields } | ForEach-Object { Format-TaskField $_ $row $Source })
        Format-Field $labels.Optional ($optional ? ($optional -join ', ') : $none) $width
        Format-Field $labels.Proxy (Get-TopicWord $Source "Proxy.$($row.Proxy)") $width
        Format-Field $labels.Wait ((Get-TopicWord $Source Seconds) -f $row.DefaultTimeout.TotalSeconds) $width
        $answer = $row.MainAnswer
        Format-Field $labels.Answer ($answer ?? (Get-TopicWord $Source WholeSolution)) $width
        $legacy = @($row.LegacyTypes)
        if ($legacy) { Format-Field $labels.Also ($legacy -join ', ') $width }
        if ($row.Deprecated) { Format-Field $labels.Deprecated (Get-TopicWord $Source Deprecated) $width }
        ''
    }
}

foreach ($topic in Get-TopicSource $DocsPath $TopicName) {
    $shared = Join-Path (Split-Path $topic.Path) 'shared/TaskParameters.md'
    $descriptions = (Read-HelpMarkdown $shared).TaskTypes
    $lines = ConvertTo-TopicLines $topic.Lines {
        param($name)
        if ($name -ne 'TaskTypes') { throw "$($topic.Path): {{$name}} is not a part the table fills (TaskTypes)." }
        Format-TaskTypes $topic $descriptions $shared
    }
    Write-AboutTopic -Path (Join-Path $OutputPath "$($topic.Culture.Name)/$TopicName.help.txt") -Lines $lines
}
