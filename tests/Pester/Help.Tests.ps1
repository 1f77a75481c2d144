# Help in both languages for every exported cmdlet, held to the code: the MAML the build writes from docs/<culture>/*.md,
# the markdown itself; the about topics.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../../tools/HelpMarkdown.psm1') -Force
    $helpCultures = @((Get-HelpCulture (Join-Path $PSScriptRoot '../../docs')).Name)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-TestModulePath) -PassThru -Force
    Import-Module (Join-Path $PSScriptRoot '../../tools/HelpMarkdown.psm1') -Force
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $placeholder = '\{\{|TODO|TBD|Fill in|PLACEHOLDER|lorem ipsum'
}

Describe 'Help in <_>' -ForEach 'en-US', 'ru-RU' {
    BeforeAll {
        $culture = $_
        [xml] $maml = Get-Content -Raw -Encoding utf8 (Join-Path $module.ModuleBase "$culture/CapMonster.dll-Help.xml")
        # Get-Help as a user in that culture sees it.
        $help = Invoke-InChildPwsh -Culture $culture -ArgumentList (, @($module.ExportedCmdlets.Keys)) -ScriptBlock {
            param($names)
            foreach ($name in $names) {
                $h = Get-Help $name -Full
                [pscustomobject]@{
                    Name        = $name
                    Synopsis    = "$($h.Synopsis)".Trim()
                    Description = ($h.Description.Text -join "`n").Trim()
                    Examples    = @($h.Examples.Example | ForEach-Object { [pscustomobject]@{ Code = $_.Code; Remarks = ($_.Remarks.Text -join ' ').Trim() } })
                    Parameters  = @($h.Parameters.Parameter | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Text = ($_.Description.Text -join ' ').Trim(); Last = "$(@($_.Description.Text)[-1])".Trim() } })
                    Links       = @($h.RelatedLinks.NavigationLink.LinkText)
                }
            }
        }
    }

    It 'has a synopsis, a description and at least two explained examples for every cmdlet' {
        foreach ($h in $help) {
            $h.Synopsis | Should -Not -BeNullOrEmpty -Because $h.Name
            $h.Synopsis | Should -Not -Be $h.Name -Because "$($h.Name) must have real help, not the generated stub"
            $h.Description | Should -Not -BeNullOrEmpty -Because $h.Name
            $h.Examples.Count | Should -BeGreaterOrEqual 2 -Because $h.Name
            foreach ($example in $h.Examples) { $example.Remarks | Should -Not -BeNullOrEmpty -Because "$($h.Name) example: $($example.Code)" }
        }
    }

    It 'documents every parameter Get-Command knows' {
        foreach ($h in $help) {
            $cmd = $module.ExportedCmdlets[$h.Name]
            foreach ($name in $cmd.Parameters.Keys | Where-Object { $_ -notin $common }) {
                $documented = $h.Parameters | Where-Object Name -EQ $name
                $where = "$($h.Name) -$name needs its '### -$name' section in docs/$culture/$($h.Name).md, or in docs/$culture/shared/TaskParameters.md for a task parameter"
                $documented | Should -Not -BeNullOrEmpty -Because $where
                $documented.Text | Should -Not -BeNullOrEmpty -Because $where
            }
        }
    }

    It 'has the syntax of the code: the same parameter sets with the same parameters' {
        foreach ($cmd in $module.ExportedCmdlets.Values) {
            $command = $maml.helpItems.command | Where-Object { $_.details.name -eq $cmd.Name }
            $command | Should -Not -BeNullOrEmpty -Because $cmd.Name
            $inHelp = @($command.syntax.syntaxItem | ForEach-Object { (@($_.parameter.name) | Sort-Object) -join ',' }) | Sort-Object
            $inCode = @($cmd.ParameterSets | ForEach-Object { (@($_.Parameters.Name | Where-Object { $_ -notin $common }) | Sort-Object) -join ',' }) | Sort-Object
            $inHelp | Should -Be $inCode -Because $cmd.Name
        }
    }

    It 'marks required and positional parameters as the code does' {
        foreach ($cmd in $module.ExportedCmdlets.Values) {
            $command = $maml.helpItems.command | Where-Object { $_.details.name -eq $cmd.Name }
            foreach ($set in $cmd.ParameterSets) {
                $names = @($set.Parameters.Name | Where-Object { $_ -notin $common }) | Sort-Object
                $item = $command.syntax.syntaxItem | Where-Object { ((@($_.parameter.name) | Sort-Object) -join ',') -eq ($names -join ',') }
                foreach ($p in $set.Parameters | Where-Object Name -NotIn $common) {
                    $documented = $item.parameter | Where-Object { $_.name -eq $p.Name }
                    $documented.required | Should -Be ([string] $p.IsMandatory).ToLower() -Because "$($cmd.Name) -$($p.Name) in set $($set.Name)"
                    $position = $p.Position -ge 0 ? [string] $p.Position : 'named'
                    $documented.position | Should -Be $position -Because "$($cmd.Name) -$($p.Name) in set $($set.Name)"
                }
            }
        }
    }

    It 'shows the values of every parameter that takes a fixed set (ValidateSet, enum) in the syntax' {
        foreach ($cmd in $module.ExportedCmdlets.Values) {
            $command = $maml.helpItems.command | Where-Object { $_.details.name -eq $cmd.Name }
            foreach ($parameter in $cmd.Parameters.Values | Where-Object Name -NotIn $common) {
                $type = $parameter.ParameterType.IsArray ? $parameter.ParameterType.GetElementType() : $parameter.ParameterType
                $set = ($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues
                $expected = @($set ? $set : ($type.IsEnum ? [Enum]::GetNames($type) : @()))
                foreach ($item in $command.syntax.syntaxItem) {
                    $documented = $item.parameter | Where-Object { $_.name -eq $parameter.Name }
                    if (-not $documented) { continue }
                    $shown = @($documented.parameterValueGroup.parameterValue | ForEach-Object { $_.'#text' })
                    $shown | Should -Be $expected -Because "$($cmd.Name) -$($parameter.Name)"
                }
            }
        }
    }

    It 'names the output types the code declares ([OutputType]), and None where it writes nothing' {
        foreach ($cmd in $module.ExportedCmdlets.Values) {
            $command = $maml.helpItems.command | Where-Object { $_.details.name -eq $cmd.Name }
            $declared = @($cmd.OutputType.Name | ForEach-Object { $_ -eq 'System.Void' ? 'None' : $_ }) | Sort-Object
            @($command.returnValues.returnValue.type.name) | Sort-Object | Should -Be $declared -Because $cmd.Name
        }
    }

    It 'lists input types exactly for the cmdlets that take pipeline input' {
        foreach ($cmd in $module.ExportedCmdlets.Values) {
            $command = $maml.helpItems.command | Where-Object { $_.details.name -eq $cmd.Name }
            $piped = @($cmd.Parameters.Values | Where-Object { $_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } })
            $inputs = @($command.inputTypes.inputType.type.name)
            if ($piped.Count) { $inputs | Should -Not -Contain 'None' -Because $cmd.Name } else { $inputs | Should -Be @('None') -Because $cmd.Name }
        }
    }

    It 'ends every task field parameter''s help with exactly the types the table gives it, required and optional' {
        # The oracle is the table itself (TaskTypes.Rows, read by the test helper), not the help writer: every type
        # that requires the field is named in the required sentence, every type that takes it optionally in the other,
        # no type that does not take it anywhere; a type whose variants differ is named with each variant's value.
        $words = (Read-HelpMarkdown (Join-Path $PSScriptRoot "../../docs/$culture/shared/TaskParameters.md")).Words
        $rows = @(Get-TaskTypeRow $module)
        $names = @($rows.Name | Select-Object -Unique)
        $taskFields = Get-TaskFieldParameter $module
        $carries = { param([string] $entry, [string] $parameter) @($entry -split '\|' | Where-Object { (& $taskFields.ParameterName $_) -eq $parameter }).Count -gt 0 }
        $named = { param([string] $text) @($names | Where-Object { $text -cmatch "(?<![\w-])$_(?!\w)" }) }
        foreach ($command in 'New-CapMonsterTask', 'Invoke-CapMonsterTask') {
            foreach ($parameter in $taskFields.Names) {
                $last = ($help | Where-Object Name -EQ $command).Parameters | Where-Object Name -EQ $parameter | ForEach-Object Last
                $because = "$command -$parameter in $culture`: $last"
                $uses = foreach ($row in $rows) {
                    $required = @($row.Required | Where-Object { & $carries $_ $parameter }).Count -gt 0
                    if ($required -or @($row.Optional | Where-Object { & $carries $_ $parameter }).Count) { [pscustomobject]@{ Row = $row; Required = $required } }
                }
                if (@($uses).Count -eq $rows.Count -and -not @($uses | Where-Object Required).Count) {
                    $last | Should -Be $words['TaskField.EveryType'] -Because $because
                    continue
                }
                $requiredAt = $last.IndexOf(($words['TaskField.RequiredBy'] -split '\{0\}')[0])
                $optionalAt = $last.IndexOf(($words['TaskField.OptionalFor'] -split '\{0\}')[0])
                $requiredPart = $requiredAt -ge 0 ? $last.Substring($requiredAt, ($optionalAt -gt $requiredAt ? $optionalAt : $last.Length) - $requiredAt) : ''
                $optionalPart = $optionalAt -ge 0 ? $last.Substring($optionalAt) : ''
                foreach ($part in @{ Text = $requiredPart; Required = $true }, @{ Text = $optionalPart; Required = $false }) {
                    $expected = @($uses | Where-Object Required -EQ $part.Required)
                    (& $named $part.Text) | Sort-Object | Should -Be (@($expected.Row.Name | Select-Object -Unique) | Sort-Object) -Because $because
                    foreach ($use in $expected | Where-Object { $_.Row.VariantValue }) {
                        $split = @($uses | Where-Object { $_.Row.Name -eq $use.Row.Name -and $_.Required -ne $use.Required }).Count -or
                            @($uses | Where-Object { $_.Row.Name -eq $use.Row.Name }).Count -lt @($rows | Where-Object Name -EQ $use.Row.Name).Count
                        if ($split) { $part.Text | Should -Match "$($use.Row.Name) \([^)]*\b$([regex]::Escape($use.Row.VariantValue))\b" -Because $because }
                    }
                }
            }
        }
    }

    It 'shows "no default" in the culture''s words' {
        $defaults = @($maml.helpItems.command.parameters.parameter.defaultValue)
        $defaults | Should -Not -BeNullOrEmpty
        if ($culture -eq 'ru-RU') { $defaults | Should -Not -Contain 'None' } else { $defaults | Should -Not -Contain 'Нет' }
    }

    It 'links the about topics from every cmdlet' {
        foreach ($h in $help) { $h.Links | Should -Contain 'about_CapMonster' -Because $h.Name }
    }

    It 'has no placeholder text' {
        (Get-Content -Raw -Encoding utf8 (Join-Path $module.ModuleBase "$culture/CapMonster.dll-Help.xml")) | Should -Not -Match $placeholder
    }

    It 'is written in the culture''s language' {
        foreach ($h in $help) {
            foreach ($text in @($h.Synopsis, $h.Description) + @($h.Parameters.Text) | Where-Object { $_ }) {
                Test-Cyrillic $text | Should -Be ($culture -eq 'ru-RU') -Because "$($h.Name): $text"
            }
        }
    }
}

# Every culture in docs/, found as the build finds them: a new language's sources are held to the cmdlets too.
Describe 'Help sources in docs/<_>' -ForEach @($helpCultures) {
    BeforeAll {
        $culture = $_
        Import-Module (Join-Path $PSScriptRoot '../../tools/HelpMarkdown.psm1') -Force
        $docs = Join-Path $PSScriptRoot "../../docs/$culture"
    }

    It 'has a markdown file for every cmdlet, with a section with text for every parameter Get-Command knows' {
        foreach ($cmd in $module.ExportedCmdlets.Values) {
            $path = Join-Path $docs "$($cmd.Name).md"
            $path | Should -Exist -Because $cmd.Name
            $source = Read-HelpMarkdown $path
            $source.Name | Should -Be $cmd.Name
            foreach ($name in $cmd.Parameters.Keys | Where-Object { $_ -notin $common }) {
                $source.Parameters.Contains($name) | Should -BeTrue -Because "$path has no '### -$name' (a task field's goes in shared/TaskParameters.md)"
                ($source.Parameters[$name].Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "$path -$name"
            }
            @($source.Parameters.Keys | Where-Object { -not $cmd.Parameters.ContainsKey($_) }) | Should -BeNullOrEmpty -Because "$path documents only parameters $($cmd.Name) has"
        }
    }

    It 'says what every task type is, under TASK TYPES in shared/TaskParameters.md, and names no other' {
        $sections = (Read-HelpMarkdown (Join-Path $docs 'shared/TaskParameters.md')).TaskTypes
        $names = @(Get-TaskTypeRow $module | ForEach-Object Name | Select-Object -Unique)
        foreach ($name in $names) {
            $sections.Contains($name) | Should -BeTrue -Because "step 2 of the recipe: docs/$culture/shared/TaskParameters.md needs '### $name' under '## TASK TYPES'"
            ($sections[$name].Text -join ' ').Trim() | Should -Not -BeNullOrEmpty -Because "docs/$culture/shared/TaskParameters.md, ### $name"
        }
        @($sections.Keys | Where-Object { $_ -notin $names }) | Should -BeNullOrEmpty -Because 'a section for a type the table does not have'
    }

    It 'names no task type in the hand-written text of a task field parameter, but where the type is the point' {
        # Which types take a field is written by the build from the table (the last paragraph of the help); a list by
        # hand goes stale when a type reuses the field. A type is named by hand only where the field means something
        # different for each type that takes it (WebsiteKey, PageAction, Data, Challenge, CaptchaUrl: what to copy
        # from which captcha), where the parameter picks a variant of a type (Version, CloudflareTaskType) or where
        # the text points to another type (IsEnterprise). The names are checked as -Type takes them, case-sensitive:
        # a vendor's own spelling (hCaptcha, AWS WAF, Arkose Labs) describes the value, not which types take it.
        $pointOf = @{
            WebsiteKey         = 'Turnstile', 'Amazon', 'Binance', 'Prosopo', 'MTCaptcha', 'Yidun', 'TenDI', 'Basilisk', 'Castle'
            PageAction         = 'Turnstile', 'MTCaptcha'
            Data               = 'FunCaptcha', 'Turnstile'
            Challenge          = 'GeeTest', 'Yidun', 'Altcha'
            CaptchaUrl         = 'DataDome', 'TenDI'
            Version            = @('GeeTest')
            CloudflareTaskType = @('Turnstile')
            IsEnterprise       = @('RecaptchaV3Enterprise')
        }
        $names = @(Get-TaskTypeRow $module | ForEach-Object Name | Select-Object -Unique)
        $shared = Read-HelpMarkdown (Join-Path $docs 'shared/TaskParameters.md')
        foreach ($parameter in (Get-TaskFieldParameter $module).Names) {
            $text = $shared.Parameters[$parameter].Text -join ' '
            $listed = @($names | Where-Object { $_ -notin $pointOf[$parameter] -and $text -cmatch "(?<![\w-])$_(?!\w)" })
            $listed | Should -BeNullOrEmpty -Because "docs/$culture/shared/TaskParameters.md, -${parameter}: the types that take a field come from the table (tools/HelpMarkdown.psm1), not by hand"
        }
    }
}

Describe 'The staged MAML' {
    It 'is what docs/ writes now, in every culture (a build after the last edit)' {
        # Write-MamlHelp writes every culture at once: once for all of them.
        foreach ($written in Write-MamlHelp -Module $module -DocsPath (Join-Path $PSScriptRoot '../../docs') -OutputPath $TestDrive) {
            $culture = Split-Path -Leaf (Split-Path $written)
            $staged = [IO.File]::ReadAllBytes((Join-Path $module.ModuleBase "$culture/CapMonster.dll-Help.xml"))
            [Convert]::ToBase64String($staged) | Should -Be ([Convert]::ToBase64String([IO.File]::ReadAllBytes($written))) -Because "build.ps1 Build writes $culture's MAML from docs/$culture"
        }
    }
}

Describe 'About topics in <_>' -ForEach 'en-US', 'ru-RU' {
    BeforeAll {
        $culture = $_
        $topics = Invoke-InChildPwsh -Culture $culture -ScriptBlock {
            foreach ($name in 'about_CapMonster', 'about_CapMonsterErrors', 'about_CapMonsterTaskTypes') {
                [pscustomobject]@{ Name = $name; Text = (Get-Help $name | Out-String) }
            }
        }
    }

    It 'finds <Name> with Get-Help' -ForEach @(@{ Name = 'about_CapMonster' }, @{ Name = 'about_CapMonsterErrors' }, @{ Name = 'about_CapMonsterTaskTypes' }) {
        $text = ($topics | Where-Object Name -EQ $Name).Text
        $text | Should -Match "\b$Name\b"
        Test-Cyrillic $text | Should -Be ($culture -eq 'ru-RU')
    }

    It 'keeps <_> in UTF-8 with a BOM, the standard head, and lines within 80 columns' -ForEach 'about_CapMonster', 'about_CapMonsterErrors', 'about_CapMonsterTaskTypes' {
        $path = Join-Path $module.ModuleBase "$culture/$_.help.txt"
        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $lines = [IO.File]::ReadAllLines($path, [Text.Encoding]::UTF8)
        $lines[0] | Should -Be ($culture -eq 'ru-RU' ? 'ТЕМА' : 'TOPIC')
        $lines[1] | Should -Be "    $_"
        $lines[3] | Should -Be ($culture -eq 'ru-RU' ? 'КРАТКОЕ ОПИСАНИЕ' : 'SHORT DESCRIPTION')
        $lines[4] | Should -Match '^    \S'
        $lines | Should -Contain ($culture -eq 'ru-RU' ? 'ПОЛНОЕ ОПИСАНИЕ' : 'LONG DESCRIPTION')
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        Get-Content -Raw $path | Should -Not -Match $placeholder
    }
}

Describe 'about_CapMonsterTaskTypes' {
    BeforeAll { Import-Module (Join-Path $PSScriptRoot '../../tools/HelpMarkdown.psm1') -Force }

    It 'is what the build writes from the task-type table and docs/ (writing it again changes nothing)' {
        & (Join-Path $PSScriptRoot '../../tools/Write-AboutTaskTypes.ps1') -ModulePath (Get-TestModulePath) -OutputPath $TestDrive 6>$null
        foreach ($culture in 'en-US', 'ru-RU') {
            $fresh = [IO.File]::ReadAllBytes((Join-Path $TestDrive "$culture/about_CapMonsterTaskTypes.help.txt"))
            $staged = [IO.File]::ReadAllBytes((Join-Path $module.ModuleBase "$culture/about_CapMonsterTaskTypes.help.txt"))
            [Convert]::ToBase64String($staged) | Should -Be ([Convert]::ToBase64String($fresh)) -Because "build.ps1 Build writes $culture's topic"
        }
    }

    It 'says what each type is in <_>, from its section in docs/<_>/shared/TaskParameters.md' -ForEach 'en-US', 'ru-RU' {
        $topic = Get-Content -Raw -Encoding utf8 (Join-Path $module.ModuleBase "$_/about_CapMonsterTaskTypes.help.txt")
        $sections = (Read-HelpMarkdown (Join-Path $PSScriptRoot "../../docs/$_/shared/TaskParameters.md")).TaskTypes
        foreach ($name in $sections.Keys) {
            # The section's first words, as the topic wraps them under the type's heading.
            $words = @($sections[$name].Text[0] -split '\s+' | Select-Object -First 4 | ForEach-Object { [regex]::Escape($_) }) -join '\s+'
            $topic | Should -Match "(?m)^    $name\r?\n        $words" -Because $name
        }
    }

    It 'names every -Type value in <_>' -ForEach 'en-US', 'ru-RU' {
        $topic = Get-Content -Raw -Encoding utf8 (Join-Path $module.ModuleBase "$_/about_CapMonsterTaskTypes.help.txt")
        # The names -Type completes are the table's.
        $line = 'New-CapMonsterTask -Type '
        $types = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $types.Count | Should -BeGreaterThan 20
        foreach ($type in $types) { $topic | Should -Match "(?m)^    $type\b" -Because $type }
    }

    It 'is linked from about_CapMonster and the task cmdlets in <_>' -ForEach 'en-US', 'ru-RU' {
        Get-Content -Raw -Encoding utf8 (Join-Path $module.ModuleBase "$_/about_CapMonster.help.txt") | Should -Match 'about_CapMonsterTaskTypes'
        [xml] $maml = Get-Content -Raw -Encoding utf8 (Join-Path $module.ModuleBase "$_/CapMonster.dll-Help.xml")
        foreach ($name in 'New-CapMonsterTask', 'Invoke-CapMonsterTask', 'Wait-CapMonsterTask', 'Get-CapMonsterTaskResult') {
            $command = $maml.helpItems.command | Where-Object { $_.details.name -eq $name }
            @($command.relatedLinks.navigationLink.linkText) | Should -Contain 'about_CapMonsterTaskTypes' -Because $name
        }
    }
}

Describe 'Help under every Russian culture: <_>' -ForEach 'ru-UA', 'ru-KZ', 'ru-BY' -Tag Slow {
    BeforeAll {
        $culture = $_
        # PowerShell looks for <culture>/ then the neutral ru/ before falling back to en-US; a real session of the culture.
        $seen = Invoke-InChildPwsh -Culture $culture -ArgumentList (, @($module.ExportedCmdlets.Keys)) -ScriptBlock {
            param($names)
            [pscustomobject]@{
                Culture   = $PSUICulture
                Synopses  = @(foreach ($name in $names) { "$((Get-Help $name).Synopsis)".Trim() })
                Parameter = ((Get-Help Connect-CapMonster -Parameter SecretName).Description.Text -join ' ')
                About     = Get-Help about_CapMonster | Out-String
                Errors    = Get-Help about_CapMonsterErrors | Out-String
                Message   = $(try { Get-CapMonsterBalance -ServiceUri http://127.0.0.1:9 } catch { $_.ErrorDetails.Message })
            }
        } -Environment @{ CAPMONSTER_API_KEY = $null }
    }

    It 'runs under <_>' {
        $seen.Culture | Should -Be $culture
    }

    It 'shows every cmdlet''s help, the about topics and the messages in Russian' {
        $seen.Synopses.Count | Should -Be $module.ExportedCmdlets.Count
        foreach ($text in @($seen.Synopses) + $seen.Parameter, $seen.About, $seen.Errors, $seen.Message) {
            Test-Cyrillic $text | Should -BeTrue -Because $text
        }
    }

    It 'comes from one source: ru/ holds the same files as ru-RU/' {
        $ruRU = Get-ChildItem (Join-Path $module.ModuleBase 'ru-RU') -File
        # Beside the help, ru/ holds the messages' satellite (CapMonster.resources.dll), which has no ru-RU copy.
        $ru = Get-ChildItem (Join-Path $module.ModuleBase 'ru') -File | Where-Object Name -NE CapMonster.resources.dll
        @($ru.Name | Sort-Object) | Should -Be @($ruRU.Name | Sort-Object)
        foreach ($file in $ruRU) {
            (Get-FileHash (Join-Path $module.ModuleBase "ru/$($file.Name)")).Hash | Should -Be (Get-FileHash $file.FullName).Hash
        }
    }
}

Describe 'Update-Help and Get-Help -Online' {
    BeforeAll {
        # Each in a runspace of its own with a wall-clock bound: neither may go to the network or wait for it.
        $outcomes = Invoke-InChildPwsh -NoModule -ArgumentList (Get-TestModulePath) -ScriptBlock {
            param($modulePath)
            foreach ($command in 'Update-Help -Module CapMonster', 'Get-Help Connect-CapMonster -Online') {
                $ps = [powershell]::Create()
                $null = $ps.AddScript("Import-Module '$modulePath'; $command -ErrorAction Stop")
                $handle = $ps.BeginInvoke()
                $outcome = if (-not $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(30))) { $ps.Stop(); 'did not finish within 30 s' }
                else { try { $null = $ps.EndInvoke($handle); @($ps.Streams.Error)[0] } catch { $_.Exception.InnerException.ErrorRecord } }
                [pscustomobject]@{ Command = $command; Id = "$($outcome.FullyQualifiedErrorId)"; Message = "$outcome" }
                $ps.Dispose()
            }
        }
    }

    It 'has no HelpInfoUri until there is a real address: the help ships with the module' {
        $module.HelpInfoUri | Should -BeNullOrEmpty
    }

    It 'answers Update-Help -Module CapMonster at once that the module has no updatable help' {
        $update = $outcomes | Where-Object Command -Like 'Update-Help*'
        $update.Id | Should -BeLike 'HelpInfoUriNotFound,*'
        $update.Message | Should -Match 'does not support updatable help'
    }

    It 'answers Get-Help -Online that the help has no Internet address, without opening anything' {
        $online = $outcomes | Where-Object Command -Like 'Get-Help*'
        $online.Id | Should -BeLike 'InvalidOperation,*GetHelpCommand'
        $online.Message | Should -Match 'URI.*not specified'
    }

    It 'says so in about_CapMonster, in both languages' {
        foreach ($culture in 'en-US', 'ru-RU') {
            $text = Get-Content -Raw -Encoding utf8 (Join-Path $module.ModuleBase "$culture/about_CapMonster.help.txt")
            $text | Should -Match 'Update-Help -Module CapMonster'
            $text | Should -Match 'Get-Help -Online'
        }
    }
}

Describe 'Examples in <_>' -ForEach 'en-US', 'ru-RU' -Tag Slow {
    BeforeAll {
        $culture = $_
        [xml] $maml = Get-Content -Raw -Encoding utf8 (Join-Path $module.ModuleBase "$culture/CapMonster.dll-Help.xml")
        $examples = foreach ($command in $maml.helpItems.command) {
            foreach ($example in $command.examples.example) {
                [pscustomobject]@{ Name = "$($command.details.name): $($example.title.Trim('- '))"; Code = $example.code }
            }
        }
        $emulator = Get-TestEmulatorUri
        $saved = Set-CapMonsterEmulatorLatency $emulator 100 400
        $key = New-EmulatorKey -Balance 1000
        # Examples that read the key from a vault get the SecretManagement stand-in with the key as SecretStore's CapMonster.
        $secrets = Join-Path $TestDrive 'secrets.json'
        @{ SecretStore = @{ CapMonster = @{ Type = 'SecureString'; Value = $key } } } | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $secrets
        $environment = @{
            CAPMONSTER_API_KEY      = $key
            CAPMONSTER_SERVICE_URI  = $emulator
            CAPMONSTER_TEST_SECRETS = $secrets
            PSModulePath            = (Join-Path $PSScriptRoot 'SecretManagementStandIn') + [IO.Path]::PathSeparator + $env:PSModulePath
        }
        # Each example in a runspace of its own, all at once, in a user's session of that culture.
        $outcomes = Invoke-InChildPwsh -Culture $culture -Environment $environment `
            -ArgumentList (Get-TestModulePath), $examples -NoModule -ScriptBlock {
            param($modulePath, $examples)
            $running = foreach ($example in $examples) {
                $ps = [powershell]::Create()
                $null = $ps.AddScript("Import-Module '$modulePath'`n" + $example.Code)
                [pscustomobject]@{ Example = $example; PowerShell = $ps; Handle = $ps.BeginInvoke() }
            }
            foreach ($run in $running) {
                $finished = $run.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(90))
                $failure = if (-not $finished) { $run.PowerShell.Stop(); 'did not finish within 90 s' }
                else {
                    try { $null = $run.PowerShell.EndInvoke($run.Handle); ($run.PowerShell.Streams.Error | ForEach-Object { "$_" }) -join "`n" }
                    catch { "$_" }
                }
                [pscustomobject]@{ Name = $run.Example.Name; Failure = $failure }
                $run.PowerShell.Dispose()
            }
        }
    }
    AfterAll {
        $null = Set-CapMonsterEmulatorLatency $emulator $saved.Min $saved.Max
    }

    It 'runs every example without error against the emulator' {
        $outcomes.Count | Should -Be @($examples).Count
        $failed = $outcomes | Where-Object Failure
        ($failed | ForEach-Object { "$($_.Name): $($_.Failure)" }) -join "`n" | Should -BeNullOrEmpty
    }
}
