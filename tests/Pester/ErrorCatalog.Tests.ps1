# The error catalog through Resolve-CapMonsterError, in both cultures, and the about topic the build writes from it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $apiCodes = @(Resolve-CapMonsterError | Where-Object Source -EQ Api | ForEach-Object { $_.Code; $_.Aliases })
    $allCodes = @(Resolve-CapMonsterError | ForEach-Object { $_.Code; $_.Aliases })
    $allEntryCount = @(Resolve-CapMonsterError).Count
    $resolveInChild = {
        param($codes)
        foreach ($code in $codes) {
            $entry = Resolve-CapMonsterError -Code $code
            [pscustomobject]@{ Asked = $code; Code = $entry.Code; Aliases = @($entry.Aliases); Category = "$($entry.Category)"
                Title = $entry.Title; Description = $entry.Description; RecommendedAction = $entry.RecommendedAction; Culture = $PSUICulture }
        }
    }
}

Describe 'The catalog' {
    It 'holds exactly the documented codes and aliases' {
        $apiCodes | Sort-Object | Should -Be (Get-DocumentedApiCode | Sort-Object)
    }

    It 'gives every entry, the module''s own included, an explicit category, never NotSpecified' {
        Resolve-CapMonsterError | Where-Object Category -EQ 'NotSpecified' | Should -BeNullOrEmpty
    }

    It 'treats WRONG_CAPTCHA_ID as ERROR_NO_SUCH_CAPCHA_ID' {
        (Resolve-CapMonsterError -Code WRONG_CAPTCHA_ID).Code | Should -Be 'ERROR_NO_SUCH_CAPCHA_ID'
    }

    It 'marks CAPTCHA_NOT_READY as not a failure, and only it' {
        @(Resolve-CapMonsterError | Where-Object { -not $_.IsFailure }).Code | Should -Be @('CAPTCHA_NOT_READY')
    }

    It 'finds <Asked> as <Code>' -ForEach @(
        @{ Asked = 'error_zero_balance'; Code = 'ERROR_ZERO_BALANCE' }
        @{ Asked = 'ZERO_BALANCE'; Code = 'ERROR_ZERO_BALANCE' }
        @{ Asked = 'no funds'; Code = 'ERROR_ZERO_BALANCE' }
        @{ Asked = 'ERROR_CAPTCHA_NOT_READY'; Code = 'CAPTCHA_NOT_READY' }
        @{ Asked = 'Captcha Id Is Not Found'; Code = 'ERROR_NO_SUCH_CAPCHA_ID' }
        @{ Asked = 'proxy_not_authorised'; Code = 'ERROR_PROXY_NOT_AUTHORISED' }
        @{ Asked = 'нет средств'; Code = 'ERROR_ZERO_BALANCE' }
        @{ Asked = 'Неверный ключ'; Code = 'ERROR_KEY_DOES_NOT_EXIST' }
        @{ Asked = 'нет api-ключа'; Code = 'NoApiKey' }
    ) {
        (Resolve-CapMonsterError -Code $Asked).Code | Should -Be $Code
    }
}

Describe 'Resolve-CapMonsterError in <_>' -ForEach 'en-US', 'ru-RU', 'ru-KZ' {
    BeforeAll {
        $culture = $_
        $resolved = Invoke-InChildPwsh -Culture $culture -ScriptBlock $resolveInChild -ArgumentList (, $allCodes)
    }

    It 'runs in the <_> culture' {
        $resolved[0].Culture | Should -Be $culture
    }

    It 'round-trips every code and alias' {
        foreach ($item in $resolved) {
            @($item.Code) + @($item.Aliases) | Should -Contain $item.Asked
        }
        $resolved.Count | Should -Be $allCodes.Count
    }

    It 'writes the title, description and recommended action in the culture''s language' {
        foreach ($item in $resolved) {
            foreach ($text in $item.Title, $item.Description, $item.RecommendedAction) {
                $text | Should -Not -BeNullOrEmpty
                Test-Cyrillic $text | Should -Be ($culture -like 'ru-*') -Because "$($item.Code): $text"
            }
        }
    }
}

Describe 'Resolve-CapMonsterError input' {
    It 'takes codes from the pipeline, one entry each' {
        @('ERROR_ZERO_BALANCE', 'ERROR_IP_BANNED' | Resolve-CapMonsterError).Code | Should -Be 'ERROR_ZERO_BALANCE', 'ERROR_IP_BANNED'
    }

    It 'takes an ErrorRecord from the pipeline, as in a catch block' {
        $entry = try { throw [CapMonster.CapMonsterException]::FromApiError('ERROR_IP_BANNED', 'banned') } catch { $_ | Resolve-CapMonsterError }
        $entry.Code | Should -Be 'ERROR_IP_BANNED'
    }

    It 'takes an exception, also one wrapped in another' {
        $inner = [CapMonster.CapMonsterException]::FromApiError('WRONG_CAPTCHA_ID', $null, 42)
        (Resolve-CapMonsterError -Exception $inner).Code | Should -Be 'ERROR_NO_SUCH_CAPCHA_ID'
        $wrapped = [System.Management.Automation.RuntimeException]::new('wrapper', $inner)
        ($wrapped | Resolve-CapMonsterError).Code | Should -Be 'ERROR_NO_SUCH_CAPCHA_ID'
    }

    It 'takes an ErrorInfo by its Code property' {
        (Resolve-CapMonsterError -Code ERROR_TASK_ABSENT | Resolve-CapMonsterError).Code | Should -Be 'ERROR_TASK_ABSENT'
    }

    It 'lists the whole catalog without input, the module''s own errors included, and filters by -Category' {
        $all = @(Resolve-CapMonsterError)
        @($all | Where-Object Source -EQ Api | ForEach-Object { $_.Code; $_.Aliases } | Sort-Object) | Should -Be (Get-DocumentedApiCode | Sort-Object)
        $all.Code | Should -Contain 'RequestTimeout'
        $all.Code | Should -Contain 'NoApiKey'
        $busy = @(Resolve-CapMonsterError -Category ResourceBusy, LimitsExceeded)
        $busy.Count | Should -BeGreaterThan 0
        $busy.Category | Sort-Object -Unique | Should -BeIn @('ResourceBusy', 'LimitsExceeded')
        $busy.Code | Should -Contain 'ERROR_NO_SLOT_AVAILABLE'
    }

    It 'gives an unknown code a non-terminating UnknownErrorCode error and goes on' {
        $out = Resolve-CapMonsterError -Code 'ERROR_FROM_THE_FUTURE', 'ERROR_ZERO_BALANCE' -ErrorAction SilentlyContinue -ErrorVariable err
        $out.Code | Should -Be 'ERROR_ZERO_BALANCE'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'UnknownErrorCode,CapMonster.Commands.ResolveCapMonsterErrorCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be 'ERROR_FROM_THE_FUTURE'
        $err[0].ErrorDetails.Message | Should -BeLike '*ERROR_FROM_THE_FUTURE*'
        $err[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
    }

    It 'keeps an unknown code''s server description when explaining its exception' {
        $unknown = [CapMonster.CapMonsterException]::FromApiError('ERROR_BAD_DUPLICATES', 'Not enough identical answers')
        $unknown.ErrorCode | Should -Be 'ERROR_BAD_DUPLICATES'
        $unknown.Category | Should -Be 'NotSpecified'
        $null = $unknown | Resolve-CapMonsterError -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].ErrorDetails.Message | Should -BeLike '*ERROR_BAD_DUPLICATES*Not enough identical answers*'
    }

    It 'refuses an error that did not come from CapMonster' {
        $null = try { Get-Item /no/such/path -ErrorAction Stop } catch { $_ | Resolve-CapMonsterError -ErrorAction SilentlyContinue -ErrorVariable err }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotCapMonsterError,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'completes -Code with and without the ERROR_ prefix' {
        $line = 'Resolve-CapMonsterError -Code ZERO'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Contain 'ERROR_ZERO_BALANCE'
        $completions | Should -Contain 'ERROR_ZERO_CAPTCHA_FILESIZE'
        $line = 'Resolve-CapMonsterError -Code WRONG'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'WRONG_CAPTCHA_ID'
    }

    It 'completes -Code with the module''s own error ids too' {
        $line = 'Resolve-CapMonsterError -Code NoApi'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'NoApiKey'
        $line = 'Resolve-CapMonsterError -Code Secret'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.CompletionText | Should -Be 'SecretManagementNotInstalled', 'SecretNotFound', 'SecretNotUsable'
        $completions[1].ToolTip | Should -Be 'SECRET NOT FOUND'
    }
}

Describe 'The ErrorInfo views' {
    It 'shows Code, Title, Category and Retry as a table' {
        $table = Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE | Format-Table | Out-String -Width 200
        $table | Should -Match 'Code\s+Title\s+Category\s+Retry'
        $table | Should -Match 'ERROR_ZERO_BALANCE\s+NO FUNDS\s+QuotaExceeded\s+Never'
    }

    It 'shows everything as a list' {
        $list = Resolve-CapMonsterError -Code WRONG_CAPTCHA_ID | Format-List | Out-String -Width 200
        foreach ($label in 'Aliases', 'Area', 'RetryDelay', 'ExceptionType', 'Description', 'RecommendedAction') { $list | Should -Match "$label\s*:" }
        $list | Should -Match 'Aliases\s*:\s*WRONG_CAPTCHA_ID'
    }
}

Describe 'about_CapMonsterErrors in <_>, as the build stages it' -ForEach 'en-US', 'ru-RU' {
    BeforeAll {
        $culture = $_
        $seen = Invoke-InChildPwsh -Culture $culture -ScriptBlock {
            [pscustomobject]@{
                Topic   = Get-Help about_CapMonsterErrors | Out-String
                Entries = @(Resolve-CapMonsterError | ForEach-Object {
                        [pscustomobject]@{ Code = $_.Code; Title = $_.Title; Category = "$($_.Category)"; Action = $_.RecommendedAction } })
            }
        }
        # Each entry's block: from its code, alone on a line at 4 columns, to the next code or heading.
        $blocks = @{}
        $current = $null
        foreach ($line in $seen.Topic -split '\r?\n') {
            if ($line -match '^    (?<code>\S+)$' -and $Matches.code -in $seen.Entries.Code) { $current = $Matches.code; $blocks[$current] = '' }
            elseif ($line -match '^\S') { $current = $null }
            elseif ($current) { $blocks[$current] += ' ' + $line.Trim() }
        }
    }

    It 'lists every catalog entry with its title, category and action in the culture''s language' {
        $seen.Entries.Count | Should -Be $allEntryCount
        foreach ($entry in $seen.Entries) {
            $blocks.ContainsKey($entry.Code) | Should -BeTrue -Because "$($entry.Code) is in the catalog"
            $block = $blocks[$entry.Code] -replace '\s+', ' '
            foreach ($text in $entry.Title, $entry.Category, $entry.Action) {
                $block.Contains(($text -replace '\s+', ' ').Trim()) | Should -BeTrue -Because "$($entry.Code) shows '$text'"
            }
            Test-Cyrillic $entry.Action | Should -Be ($culture -eq 'ru-RU') -Because $entry.Code
        }
    }
}

Describe 'tools/Write-AboutErrors.ps1' {
    It 'writes the topic for each culture folder of docs/ holding its source, the catalog''s words falling back to English' {
        # A language is files: here a copy of the English source under de-DE, with no ErrorCatalog.de.json.
        $root = Join-Path $PSScriptRoot '../..'
        $docs = New-Item -ItemType Directory (Join-Path $TestDrive 'docs/de-DE')
        Copy-Item (Join-Path $root 'docs/en-US/about_CapMonsterErrors.md') $docs
        & (Join-Path $root 'tools/Write-AboutErrors.ps1') -OutputRoot (Join-Path $TestDrive 'out') -DocsPath (Join-Path $TestDrive 'docs') 6>$null
        $path = Join-Path $TestDrive 'out/de-DE/about_CapMonsterErrors.help.txt'
        [IO.File]::ReadAllBytes($path)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $lines = [IO.File]::ReadAllLines($path, [Text.Encoding]::UTF8)
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $lines | Should -Contain '    ERROR_ZERO_BALANCE'
        $lines | Should -Contain '        Title:      NO FUNDS'
    }
}
