# The cmdlets' help: markdown in docs/<culture>/ (platyPS layout) read here, and the MAML the build writes from it and
# from the cmdlets' own metadata. Syntax, types, parameter sets, positions, aliases, pipeline input, wildcards and a
# switch's default come from the code; every word a person reads comes from the markdown.
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'TaskTable.psm1')

$script:CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Read-HelpMarkdown {
    <#
    .SYNOPSIS
    Reads one cmdlet's markdown help: SYNOPSIS, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and
    RELATED LINKS. In PARAMETERS, a paragraph that is only a link to a .md file (shared/TaskParameters.md) stands for
    that file's parameter sections. TASK TYPES (in shared/TaskParameters.md) holds what each task type is, under
    '### Name', for about_CapMonsterTaskTypes. SYNTAX and HTML comments are left to the build; text between the title
    and the first section is for readers of the file. The front matter's "Name: words" lines are Words (in
    shared/TaskParameters.md, the words of the generated paragraphs); each parameter section keeps its file's.
    #>
    param([Parameter(Mandatory)] [string] $Path)

    $help = [ordered]@{
        Name = $null; Synopsis = @(); Description = @(); Examples = @(); Parameters = [ordered]@{}
        Inputs = @(); Outputs = @(); Notes = @(); Links = @(); TaskTypes = [ordered]@{}; Words = @{}
    }
    $lines = [IO.File]::ReadAllLines($Path, [Text.Encoding]::UTF8)
    $i = 0
    if ($lines.Count -and $lines[0] -eq '---') {
        # The front matter: platyPS's metadata in a cmdlet's file, the words the build places in a shared one.
        for ($i++; $i -lt $lines.Count -and $lines[$i] -ne '---'; $i++) {
            if ($lines[$i] -match '^(?<name>[^:]+):\s*(?<words>.*)$') { $help.Words[$Matches.name.Trim()] = $Matches.words.Trim() }
        }
        $i++
    }
    $section = $null
    $item = $null
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $where = { "$Path, line $($i + 1)" }

    $addText = {
        param([string] $Text)
        switch ($section) {
            'SYNOPSIS' { $help.Synopsis += $Text }
            'DESCRIPTION' { $help.Description += $Text }
            'NOTES' { $help.Notes += $Text }
            'SYNTAX' { throw "$(& $where): SYNTAX is written by the build from the code; leave it empty." }
            'RELATED LINKS' {
                foreach ($link in $Text -split '(?<=\))\s+(?=\[)') {
                    if ($link -notmatch '^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$') { throw "$(& $where): a related link is [text](uri): $link" }
                    $help.Links += [pscustomobject]@{ Text = $Matches.text; Uri = $Matches.uri }
                }
            }
            'PARAMETERS' {
                if ($Text -match '^\[[^\]]+\]\((?<file>[^)]+\.md)\)$') {
                    $shared = Read-HelpMarkdown (Join-Path (Split-Path $Path) $Matches.file)
                    foreach ($name in $shared.Parameters.Keys) { $help.Parameters[$name] = $shared.Parameters[$name] }
                    $item = $null
                } elseif ($item) { $item.Text += $Text }
                else { throw "$(& $where): text in PARAMETERS belongs under a '### -Name' heading." }
            }
            'TASK TYPES' {
                if (-not $item) { throw "$(& $where): text in TASK TYPES belongs under a '### Name' heading." }
                $item.Text += $Text
            }
            { $_ -in 'EXAMPLES', 'INPUTS', 'OUTPUTS' } {
                if (-not $item) { throw "$(& $where): text in $section belongs under a '###' heading." }
                $item.($section -eq 'EXAMPLES' ? 'Remarks' : 'Text') += $Text
            }
            $null { }   # under the title, before the first section: an introduction for readers of the file
            default { throw "$(& $where): text outside a known section ($section)." }
        }
    }
    $flush = {
        if ($paragraph.Count) { . $addText ($paragraph -join ' '); $paragraph.Clear() }
    }

    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s*<!--.*-->\s*$') { continue }
        if ($line -match '^```(?<lang>\S*)') {
            . $flush
            $lang = $Matches.lang
            $block = [System.Collections.Generic.List[string]]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$'; $i++) { $block.Add($lines[$i]) }
            if ($i -ge $lines.Count) { throw "$(& $where): a code block is not closed." }
            if ($section -eq 'EXAMPLES' -and $item -and $null -eq $item.Code) { $item.Code = $block -join "`n" }
            elseif ($section -eq 'PARAMETERS' -and $item -and $lang -eq 'yaml') {
                foreach ($entry in $block | Where-Object { $_.Trim() }) {
                    if ($entry -notmatch '^Default value:\s*(?<value>.+)$') {
                        throw "$(& $where): only 'Default value:' is written by hand; type, sets, position, aliases and pipeline input come from the code ($entry)."
                    }
                    $item.Default = $Matches.value.Trim()
                }
            } else { throw "$(& $where): a code block is expected only as an example's code or a parameter's default value." }
            continue
        }
        if ($line -match '^# (?<name>\S.*)$') { . $flush; $help.Name = $Matches.name.Trim(); $section = $null; continue }
        if ($line -match '^## (?<name>\S.*)$') {
            . $flush
            $section = $Matches.name.Trim()
            $item = $null
            if ($section -notin 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS', 'TASK TYPES') {
                throw "$(& $where): unknown section '$section'."
            }
            continue
        }
        if ($line -match '^### (?<name>\S.*)$') {
            . $flush
            $heading = $Matches.name.Trim()
            switch ($section) {
                'EXAMPLES' { $item = [pscustomobject]@{ Title = $heading; Code = $null; Remarks = @() }; $help.Examples += $item }
                'PARAMETERS' {
                    if ($heading -notmatch '^-(?<name>\w+)$') { throw "$(& $where): a parameter heading is '### -Name'." }
                    $item = [pscustomobject]@{ Name = $Matches.name; Text = @(); Default = $null; Words = $help.Words; Source = $Path }
                    $help.Parameters[$item.Name] = $item
                }
                'TASK TYPES' { $item = [pscustomobject]@{ Name = $heading; Text = @() }; $help.TaskTypes[$heading] = $item }
                { $_ -in 'INPUTS', 'OUTPUTS' } { $item = [pscustomobject]@{ Type = $heading; Text = @() }; $help[$section.Substring(0, 1) + $section.Substring(1).ToLower()] += $item }
                default { throw "$(& $where): no '###' headings in $section." }
            }
            continue
        }
        if ($line.Trim()) { $paragraph.Add($line.Trim()) } else { . $flush }
    }
    . $flush
    foreach ($example in $help.Examples) { if ($null -eq $example.Code) { throw "${Path}: example '$($example.Title)' has no code block." } }
    return [pscustomobject] $help
}

function Get-PipelineInput($Sets) {
    $byValue = [bool] @($Sets | Where-Object ValueFromPipeline).Count
    $byName = [bool] @($Sets | Where-Object ValueFromPipelineByPropertyName).Count
    if ($byValue -and $byName) { return 'True (ByValue, ByPropertyName)' }
    if ($byValue) { return 'True (ByValue)' }
    if ($byName) { return 'True (ByPropertyName)' }
    return 'False'
}

function Get-ParameterValueSet([System.Management.Automation.ParameterMetadata] $Parameter) {
    $validateSet = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($validateSet) { return $validateSet.ValidValues }
    $type = $Parameter.ParameterType.IsArray ? $Parameter.ParameterType.GetElementType() : $Parameter.ParameterType
    if ($type.IsEnum) { return [Enum]::GetNames($type) }
}

function Write-MamlParameter {
    # One <command:parameter>: in a syntax item ($Sets is that one set) or in the parameters list (every set).
    param($Writer, [System.Management.Automation.ParameterMetadata] $Parameter, $Sets, $Text, [string] $Default, [string] $NoDefault, [switch] $InSyntax)
    $m = 'http://schemas.microsoft.com/maml/2004/10'
    $c = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $d = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $type = $Parameter.ParameterType
    $isSwitch = $type -eq [System.Management.Automation.SwitchParameter]
    $positions = @($Sets | ForEach-Object Position | Where-Object { $_ -ge 0 } | Select-Object -Unique)
    $Writer.WriteStartElement('command', 'parameter', $c)
    $Writer.WriteAttributeString('required', ([string] [bool] @($Sets | Where-Object IsMandatory).Count).ToLower())
    $Writer.WriteAttributeString('variableLength', ([string] $type.IsArray).ToLower())
    $Writer.WriteAttributeString('globbing', ([string] [bool] @($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count).ToLower())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $Sets))
    $Writer.WriteAttributeString('position', ($positions.Count -eq 1 ? [string] $positions[0] : 'named'))
    $Writer.WriteAttributeString('aliases', ($Parameter.Aliases.Count ? ($Parameter.Aliases -join ', ') : 'none'))
    $Writer.WriteElementString('maml', 'name', $m, $Parameter.Name)
    if (-not $InSyntax) { Write-MamlDescription $Writer $Text }
    # The values a parameter takes (a ValidateSet, an enum), which Get-Help shows in the syntax as {a | b | c}.
    $valueSet = @(Get-ParameterValueSet $Parameter)
    if ($valueSet.Count) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $c)
        foreach ($value in $valueSet) {
            $Writer.WriteStartElement('command', 'parameterValue', $c)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $c)
        $Writer.WriteAttributeString('required', ([string] -not $isSwitch).ToLower())
        $Writer.WriteAttributeString('variableLength', ([string] $type.IsArray).ToLower())
        $Writer.WriteString($type.Name)
        $Writer.WriteEndElement()
    }
    Write-MamlType $Writer $type.FullName
    if (-not $InSyntax) { $Writer.WriteElementString('dev', 'defaultValue', $d, ($Default ? $Default : ($isSwitch ? 'False' : $NoDefault))) }
    $Writer.WriteEndElement()
}

function Write-MamlDescription($Writer, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', 'description', 'http://schemas.microsoft.com/maml/2004/10')
    foreach ($text in $Paragraphs) { $Writer.WriteElementString('maml', 'para', 'http://schemas.microsoft.com/maml/2004/10', $text) }
    $Writer.WriteEndElement()
}

function Write-MamlType($Writer, [string] $Name) {
    $Writer.WriteStartElement('dev', 'type', 'http://schemas.microsoft.com/maml/dev/2004/10')
    $Writer.WriteElementString('maml', 'name', 'http://schemas.microsoft.com/maml/2004/10', $Name)
    $Writer.WriteEndElement()
}

function Get-HelpCulture([string] $DocsPath) {
    # The cultures with help: every folder under docs/ named like one (en-US, ru-RU, de).
    return Get-ChildItem -LiteralPath $DocsPath -Directory | Where-Object Name -Match '^[a-z]{2}(-[A-Z]{2})?$'
}

function Get-HelpWord($Words, [string] $Name, [string] $Source) {
    $value = $Words[$Name]
    if (-not $value) { throw "${Source}: no '${Name}:' line in its front matter." }
    return $value
}

function Format-TaskFieldTypes {
    # The last paragraph of a task field parameter's description: the types that require it and those that take it
    # optionally, from the table, in the words of the file its section is in. A type whose variants differ for the
    # field is named variant by variant, as about_CapMonsterTaskTypes names them.
    param($Table, [string] $Parameter, $Words, [string] $Source)
    $uses = @(Get-TaskFieldUse $Table $Parameter)
    if (-not $uses.Count) { throw "${Source}: -$Parameter is a task field no task type takes." }
    if ($uses.Count -eq $Table.Rows.Count -and -not @($uses | Where-Object Required).Count) { return Get-HelpWord $Words 'TaskField.EveryType' $Source }
    $label = {
        param($use, [bool] $variant)
        $text = $use.Row.Name
        if ($variant) {
            $field = '-' + $Table.FieldParameter[$use.Row.VariantField]
            $text = $use.Row.VariantValue ? ((Get-HelpWord $Words 'TaskField.VariantWith' $Source) -f $text, $field, $use.Row.VariantValue) :
                ((Get-HelpWord $Words 'TaskField.VariantWithout' $Source) -f $text, $field)
        }
        if ($use.Alternatives.Count) {
            $others = $use.Alternatives | ForEach-Object { $Table.FieldParameter.ContainsKey($_) ? "-$($Table.FieldParameter[$_])" : $_ }
            $text = (Get-HelpWord $Words 'TaskField.Alternative' $Source) -f $text, ($others -join ', ')
        }
        return $text
    }
    $required = [System.Collections.Generic.List[string]]::new()
    $optional = [System.Collections.Generic.List[string]]::new()
    foreach ($name in $Table.Rows.Name | Select-Object -Unique) {
        $ofType = @($uses | Where-Object { $_.Row.Name -eq $name })
        if (-not $ofType.Count) { continue }
        $alike = $ofType.Count -eq @($Table.Rows | Where-Object Name -EQ $name).Count -and
            @($ofType | ForEach-Object { "$($_.Required) $($_.Alternatives -join '|')" } | Select-Object -Unique).Count -eq 1
        foreach ($use in $alike ? @($ofType[0]) : $ofType) { ($use.Required ? $required : $optional).Add((& $label $use (-not $alike))) }
    }
    $sentences = @()
    if ($required.Count) { $sentences += (Get-HelpWord $Words 'TaskField.RequiredBy' $Source) -f ($required -join ', ') }
    if ($optional.Count) { $sentences += (Get-HelpWord $Words 'TaskField.OptionalFor' $Source) -f ($optional -join ', ') }
    return $sentences -join ' '
}

function Write-MamlHelp {
    <#
    .SYNOPSIS
    Writes <OutputPath>/<culture>/<Module>.dll-Help.xml for every culture folder under -DocsPath, from the markdown
    of each exported cmdlet and the cmdlet's metadata. Fails when a cmdlet has no markdown or the markdown names a
    parameter the cmdlet does not have. A task field parameter's description ends with the types that take it, from
    the task-type table.
    #>
    param(
        [Parameter(Mandatory)] [System.Management.Automation.PSModuleInfo] $Module,
        [Parameter(Mandatory)] [string] $DocsPath,
        [Parameter(Mandatory)] [string] $OutputPath
    )
    $m = 'http://schemas.microsoft.com/maml/2004/10'
    $c = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $d = 'http://schemas.microsoft.com/maml/dev/2004/10'
    $table = $null   # read when a cmdlet has task field parameters
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; IndentChars = '  '; Encoding = [Text.UTF8Encoding]::new($false); NewLineChars = "`n" }
    foreach ($cultureDir in Get-HelpCulture $DocsPath) {
        $target = New-Item -ItemType Directory -Force (Join-Path $OutputPath $cultureDir.Name)
        $path = Join-Path $target "$($Module.Name).dll-Help.xml"
        # The default shown for a parameter whose section gives none, in the culture's words.
        $sharedPath = Join-Path $cultureDir.FullName 'shared/TaskParameters.md'
        $noDefault = Get-HelpWord (Read-HelpMarkdown $sharedPath).Words 'Default.None' $sharedPath
        $writer = [System.Xml.XmlWriter]::Create($path, $settings)
        try {
            $writer.WriteStartDocument()
            $writer.WriteStartElement('helpItems', 'http://msh')
            $writer.WriteAttributeString('schema', 'maml')
            foreach ($cmd in $Module.ExportedCmdlets.Values | Sort-Object Name) {
                $source = Join-Path $cultureDir.FullName "$($cmd.Name).md"
                if (-not (Test-Path -LiteralPath $source)) { throw "$($cmd.Name) has no help: $source is missing." }
                $help = Read-HelpMarkdown $source
                if ($help.Name -ne $cmd.Name) { throw "${source}: the title is '# $($help.Name)', not '# $($cmd.Name)'." }
                foreach ($name in $help.Parameters.Keys | Where-Object { -not $cmd.Parameters.ContainsKey($_) }) {
                    throw "$($help.Parameters[$name].Source): -$name is not a parameter of $($cmd.Name)."
                }

                $writer.WriteStartElement('command', 'command', $c)
                $writer.WriteAttributeString('xmlns', 'maml', $null, $m)
                $writer.WriteAttributeString('xmlns', 'command', $null, $c)
                $writer.WriteAttributeString('xmlns', 'dev', $null, $d)
                $writer.WriteStartElement('command', 'details', $c)
                $writer.WriteElementString('command', 'name', $c, $cmd.Name)
                $writer.WriteElementString('command', 'verb', $c, $cmd.Verb)
                $writer.WriteElementString('command', 'noun', $c, $cmd.Noun)
                Write-MamlDescription $writer $help.Synopsis
                $writer.WriteEndElement()
                Write-MamlDescription $writer $help.Description

                $writer.WriteStartElement('command', 'syntax', $c)
                foreach ($set in $cmd.ParameterSets) {
                    $writer.WriteStartElement('command', 'syntaxItem', $c)
                    $writer.WriteElementString('maml', 'name', $m, $cmd.Name)
                    # As Get-Command -Syntax shows them: positional by position, then mandatory, then the rest.
                    $ordered = @($set.Parameters | Where-Object Name -NotIn $script:CommonParameters |
                        Sort-Object { $_.Position -lt 0 }, { $_.Position }, { -not $_.IsMandatory } -Stable)
                    foreach ($p in $ordered) { Write-MamlParameter $writer $cmd.Parameters[$p.Name] @($p) -InSyntax }
                    $writer.WriteEndElement()
                }
                $writer.WriteEndElement()

                $writer.WriteStartElement('command', 'parameters', $c)
                $names = @($help.Parameters.Keys) + @($cmd.Parameters.Keys | Where-Object { $_ -notin $script:CommonParameters -and -not $help.Parameters.Contains($_) })
                foreach ($name in $names) {
                    $parameter = $cmd.Parameters[$name]
                    $documented = $help.Parameters[$name]
                    $text = $documented ? $documented.Text : @()
                    if ($documented -and (Test-TaskFieldParameter $cmd $name)) {
                        $table ??= Get-TaskTable $Module
                        $text += Format-TaskFieldTypes $table $name $documented.Words "$source, -$name"
                    }
                    Write-MamlParameter $writer $parameter @($parameter.ParameterSets.Values) $text ($documented ? $documented.Default : $null) $noDefault
                }
                $writer.WriteEndElement()

                foreach ($kind in @{ List = 'inputTypes'; Item = 'inputType'; Entries = $help.Inputs }, @{ List = 'returnValues'; Item = 'returnValue'; Entries = $help.Outputs }) {
                    $writer.WriteStartElement('command', $kind.List, $c)
                    foreach ($entry in $kind.Entries) {
                        $writer.WriteStartElement('command', $kind.Item, $c)
                        Write-MamlType $writer $entry.Type
                        Write-MamlDescription $writer $entry.Text
                        $writer.WriteEndElement()
                    }
                    $writer.WriteEndElement()
                }

                $writer.WriteStartElement('maml', 'alertSet', $m)
                $writer.WriteStartElement('maml', 'alert', $m)
                foreach ($text in $help.Notes) { $writer.WriteElementString('maml', 'para', $m, $text) }
                $writer.WriteEndElement()
                $writer.WriteEndElement()

                $writer.WriteStartElement('command', 'examples', $c)
                foreach ($example in $help.Examples) {
                    $writer.WriteStartElement('command', 'example', $c)
                    $writer.WriteElementString('maml', 'title', $m, "--------- $($example.Title) ---------")
                    $writer.WriteElementString('dev', 'code', $d, $example.Code)
                    $writer.WriteStartElement('dev', 'remarks', $d)
                    foreach ($text in $example.Remarks) { $writer.WriteElementString('maml', 'para', $m, $text) }
                    $writer.WriteEndElement()
                    $writer.WriteEndElement()
                }
                $writer.WriteEndElement()

                $writer.WriteStartElement('command', 'relatedLinks', $c)
                foreach ($link in $help.Links) {
                    $writer.WriteStartElement('maml', 'navigationLink', $m)
                    $writer.WriteElementString('maml', 'linkText', $m, $link.Text)
                    $writer.WriteElementString('maml', 'uri', $m, $link.Uri)
                    $writer.WriteEndElement()
                }
                $writer.WriteEndElement()
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
            $writer.WriteEndDocument()
        } finally {
            $writer.Dispose()
        }
        $path
    }
}

Export-ModuleMember -Function Read-HelpMarkdown, Get-HelpCulture, Write-MamlHelp
