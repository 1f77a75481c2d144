<#
.SYNOPSIS
Writes <OutputRoot>/<culture>/about_CapMonsterErrors.help.txt for every docs/<culture>/about_CapMonsterErrors.md,
from that file (the topic's headings, prose and field words) and the error catalog (each entry's facts from
src/Module/Errors/ErrorCatalog.json, its words from ErrorCatalog.<culture>.json, falling back through the culture's
parents to English as the module does). ./build.ps1 Build runs it into out/help/ and stages the result; nothing here
names a language, so a new one is a new docs/<culture>/about_CapMonsterErrors.md and ErrorCatalog.<culture>.json.
Files are UTF-8 with a BOM (Windows PowerShell 5.1 needs it for Cyrillic), lines at most 80 columns.

.EXAMPLE
dotnet pwsh ./tools/Write-AboutErrors.ps1 -OutputRoot out/help
#>
param(
    [Parameter(Mandatory)]
    [string] $OutputRoot,
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs'),
    [string] $CatalogPath = (Join-Path $PSScriptRoot '../src/Module/Errors/ErrorCatalog.json')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'AboutTopic.psm1') -Force

$TopicName = 'about_CapMonsterErrors'
$catalog = Get-Content -Raw -Encoding utf8 $CatalogPath | ConvertFrom-Json -AsHashtable

function Get-CatalogTranslation([cultureinfo] $Culture) {
    # The culture's own words first, then its parents' (de-AT, then de); English is in the catalog itself.
    for ($c = $Culture; $c.Name; $c = $c.Parent) {
        $path = Join-Path (Split-Path $CatalogPath) "ErrorCatalog.$($c.Name).json"
        if (Test-Path -LiteralPath $path) { , (Get-Content -Raw -Encoding utf8 $path | ConvertFrom-Json -AsHashtable) }
    }
}

function Get-CatalogWord($Translations, $Entry, [string] $Word) {
    foreach ($translation in $Translations) {
        $words = $translation['entries']?[$Entry.code]
        if ($words -and $words[$Word]) { return $words[$Word] }
    }
    return $Entry[$Word]
}

function Format-Entries($Entries, $Source, $Translations) {
    $labels = 'Aliases', 'Title', 'Category', 'Exception', 'Retry', 'Meaning', 'Action' | ForEach-Object -Begin { $l = @{} } -Process { $l[$_] = Get-TopicWord $Source "Label.$_" } -End { $l }
    $labelWidth = Get-LabelWidth $labels.Values
    foreach ($entry in $Entries) {
        "    $($entry.code)"
        if ($entry.aliases) { Format-Field $labels.Aliases ($entry.aliases -join ', ') $labelWidth }
        # A translated title, then the documentation's own, which Resolve-CapMonsterError finds too.
        $title = Get-CatalogWord $Translations $entry title
        Format-Field $labels.Title ($title -ceq $entry.title ? $title : "$title ($($entry.title))") $labelWidth
        Format-Field $labels.Category $entry.category $labelWidth
        Format-Field $labels.Exception "CapMonster.CapMonster$($entry.area)Exception" $labelWidth
        $retry = $entry.retry -eq 'NewTask' -and $entry.retryDelaySeconds ? 'NewTaskWait' : $entry.retry
        Format-Field $labels.Retry ((Get-TopicWord $Source "Retry.$retry") -f $entry.retryDelaySeconds) $labelWidth
        $meaning = Get-CatalogWord $Translations $entry description
        if ($entry.code -eq 'CAPTCHA_NOT_READY') { $meaning += ' ' + (Get-TopicWord $Source NotReady) }
        Format-Field $labels.Meaning $meaning $labelWidth
        Format-Field $labels.Action (Get-CatalogWord $Translations $entry action) $labelWidth
        ''
    }
}

function Format-Exceptions($Source) {
    # In the order the source names them; every area of the catalog needs its words there.
    $areas = @($Source.Words.Keys | Where-Object { $_.StartsWith('Area.') } | ForEach-Object { $_.Substring(5) })
    foreach ($area in $catalog.entries.area + $catalog.moduleErrors.area) { $null = Get-TopicWord $Source "Area.$area" }
    $width = ($areas | ForEach-Object { "CapMonster.CapMonster$($_)Exception".Length } | Measure-Object -Maximum).Maximum + 6
    foreach ($area in $areas) {
        $name = "    CapMonster.CapMonster$($area)Exception".PadRight($width)
        $wrapped = @(Format-Wrapped (Get-TopicWord $Source "Area.$area") -Indent $width)
        $wrapped[0] = $name + $wrapped[0].TrimStart()
        $wrapped
    }
}

foreach ($topic in Get-TopicSource $DocsPath $TopicName) {
    $source = $topic.Path
    $culture = $topic.Culture
    $translations = @(Get-CatalogTranslation $culture)
    $lines = ConvertTo-TopicLines $topic.Lines {
        param($name)
        switch ($name) {
            'Exceptions' { Format-Exceptions $topic }
            'ApiErrors' { Format-Entries $catalog.entries $topic $translations }
            'ModuleErrors' { Format-Entries $catalog.moduleErrors $topic $translations }
            'GenericAction' {
                $generic = ($translations | ForEach-Object { $_['genericAction'] } | Where-Object { $_ } | Select-Object -First 1) ?? $catalog.genericAction
                Format-Wrapped $generic -Indent 4
            }
            default { throw "${source}: {{$name}} is not a part the catalog fills (Exceptions, ApiErrors, ModuleErrors, GenericAction)." }
        }
    }
    Write-AboutTopic -Path (Join-Path $OutputRoot "$($culture.Name)/$TopicName.help.txt") -Lines $lines
}
