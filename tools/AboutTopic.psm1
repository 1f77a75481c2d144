# Writing about_*.help.txt topics: lines of at most 80 columns, UTF-8 with a BOM (Windows PowerShell 5.1 reads text
# without one as ANSI and garbles Cyrillic), "\n" line ends.
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

function Write-AboutTopic([string] $Path, [string[]] $Lines) {
    $null = New-Item -ItemType Directory -Force (Split-Path $Path)
    [System.IO.File]::WriteAllText($Path, ($Lines -join "`n") + "`n", [System.Text.UTF8Encoding]::new($true))
    Write-Host "Wrote $Path"
}

Export-ModuleMember -Function Format-Wrapped, Format-Field, Write-AboutTopic
