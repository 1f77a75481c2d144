# The generated about_*.help.txt topics. Each is written from docs/<culture>/<topic>.md, one form for every topic:
# front matter of "Name: words" lines (labels and short phrases the generator places), then the topic as markdown in
# which a line {{Name}} is a part the generator fills. Written with lines of at most 80 columns, UTF-8 with a BOM
# (Windows PowerShell 5.1 reads text without one as ANSI and garbles Cyrillic), "\n" line ends.
Set-StrictMode -Version Latest

function Format-Wrapped([string] $Text, [int] $Indent, [int] $HangingIndent = $Indent) {
    # Greedy word wrap to 80 columns; the first line at $Indent, the rest at $HangingIndent.
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ' ' * $Indent
    $fresh = $true
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if (-not $fresh -and $line.Length + 1 + $word.Length -gt 80) {
            $lines.Add($line)
            $line = (' ' * $HangingIndent) + $word
        } else {
            $line += ($fresh ? '' : ' ') + $word
        }
        $fresh = $false
    }
    $lines.Add($line)
    return $lines
}

function Format-Field([string] $Label, [string] $Value, [int] $Width) {
    # "        Label:" padded to $Width, then the value, wrapped in the column after the label.
    $prefix = ('        ' + "${Label}:").PadRight($Width)
    $body = @(Format-Wrapped $Value -Indent $prefix.Length)
    $body[0] = $prefix + $body[0].TrimStart()
    return $body
}

function Get-LabelWidth([string[]] $Labels) {
    # The column after the longest "        Label:", for Format-Field.
    return ($Labels | ForEach-Object { "        ${_}:".Length } | Measure-Object -Maximum).Maximum + 1
}

function Get-TopicSource([string] $DocsPath, [string] $Name) {
    # Every docs/<culture>/<Name>.md: a culture is a folder that has the file.
    foreach ($path in Get-ChildItem -LiteralPath $DocsPath -Directory | ForEach-Object { Join-Path $_.FullName "$Name.md" } | Where-Object { Test-Path -LiteralPath $_ }) {
        Read-TopicSource $path
    }
}

function Read-TopicSource([string] $Path) {
    # Front matter "Name: words" lines, then the markdown of the topic.
    $text = Get-Content -Raw -Encoding utf8 $Path
    if ($text -notmatch '(?s)\A---\r?\n(?<words>.*?)\r?\n---\r?\n(?<body>.*)\z') { throw "${Path}: no front matter (---) with the field words." }
    $words = [ordered]@{}
    foreach ($line in $Matches.words -split '\r?\n' | Where-Object { $_.Trim() }) {
        $name, $value = $line -split ':\s*', 2
        $words[$name.Trim()] = $value.Trim()
    }
    $body = $Matches.body -replace '(?s)<!--.*?-->', ''
    return @{ Path = $Path; Culture = [cultureinfo] (Split-Path (Split-Path $Path) -Leaf); Words = $words; Lines = $body -split '\r?\n' }
}

function Get-TopicWord($Source, [string] $Name) {
    $value = $Source.Words[$Name]
    if (-not $value) { throw "$($Source.Path) has no '${Name}:' line in its front matter." }
    return $value
}

function ConvertTo-TopicLines([string[]] $Markdown, [scriptblock] $Fill) {
    # "## X" is a heading; a paragraph is wrapped at 4 (a line ending in "\" keeps its break); "- " items at 4,
    # continued at 6; fenced code at 8; a line {{Name}} is what $Fill gives for Name. A blank line follows each block.
    $lines = [System.Collections.Generic.List[string]]::new()
    $pending = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if (-not $pending.Count) { return }
        $items = if ($pending[0].StartsWith('- ')) {
            ($pending -join "`n") -split '\n(?=- )' | ForEach-Object { , @(Format-Wrapped $_ -Indent 4 -HangingIndent 6) }
        } else {
            ($pending -join "`n") -split '\\\n' | ForEach-Object { , @(Format-Wrapped $_ -Indent 4) }
        }
        foreach ($item in $items) { $lines.AddRange([string[]] $item) }
        $lines.Add('')
        $pending.Clear()
    }
    $inCode = $false
    foreach ($line in $Markdown) {
        if ($inCode) {
            if ($line.StartsWith('```')) { $inCode = $false; $lines.Add('') } else { $lines.Add(('        ' + $line).TrimEnd()) }
        } elseif ($line.StartsWith('```')) {
            & $flush
            $inCode = $true
        } elseif ($line -match '^## (?<heading>.+)$') {
            & $flush
            $lines.Add($Matches.heading.Trim())
        } elseif ($line -match '^\{\{(?<name>\w+)\}\}$') {
            & $flush
            $filled = @(& $Fill $Matches.name)
            $last = $filled.Count - 1
            while ($last -ge 0 -and -not $filled[$last]) { $last-- }
            if ($last -ge 0) { $lines.AddRange([string[]] $filled[0..$last]) }
            $lines.Add('')
        } elseif (-not $line.Trim()) {
            & $flush
        } else {
            $pending.Add($line.Trim())
        }
    }
    & $flush
    while ($lines.Count -and -not $lines[$lines.Count - 1]) { $lines.RemoveAt($lines.Count - 1) }
    return $lines
}

function Write-AboutTopic([string] $Path, [string[]] $Lines) {
    $null = New-Item -ItemType Directory -Force (Split-Path $Path)
    [System.IO.File]::WriteAllText($Path, ($Lines -join "`n") + "`n", [System.Text.UTF8Encoding]::new($true))
    Write-Host "Wrote $Path"
}

Export-ModuleMember -Function Format-Wrapped, Format-Field, Get-LabelWidth, Get-TopicSource, Get-TopicWord, ConvertTo-TopicLines, Write-AboutTopic
