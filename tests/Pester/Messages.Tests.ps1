# The module's own messages (src/Module/Localization/Strings*.resx) follow the UI culture in a user's fresh session:
# Russian from the satellite ru/CapMonster.resources.dll for every Russian culture, the English in CapMonster.dll for
# the rest, arguments formatted in.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'The module''s messages in <Culture>' -Tag Slow -ForEach @(
    @{ Culture = 'ru-RU'; Russian = $true }
    @{ Culture = 'ru-UA'; Russian = $true }
    @{ Culture = 'en-US'; Russian = $false }
    @{ Culture = 'de-DE'; Russian = $false }
) {
    BeforeAll {
        $seen = Invoke-InChildPwsh -Culture $Culture -ScriptBlock {
            $env:CAPMONSTER_API_KEY = $null
            $key = ConvertTo-SecureString 'c0ffee00c0ffee00c0ffee00c0ffee00' -AsPlainText -Force
            $noKey = try { Get-CapMonsterBalance -ErrorAction Stop } catch { $_.ErrorDetails.Message }
            $badUri = try { Get-CapMonsterBalance -ApiKey $key -ServiceUri 'http://example.com/' -ErrorAction Stop } catch { $_.ErrorDetails.Message }
            $line = 'New-CapMonsterTask -Type ComplexImageHCaptcha'
            $deprecated = ((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Where-Object CompletionText -EQ 'ComplexImageHCaptcha').ListItemText
            [pscustomobject]@{ Culture = $PSUICulture; NoKey = $noKey; BadUri = $badUri; Title = (Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE).Title; Deprecated = $deprecated }
        }
    }

    It 'runs in <Culture>' {
        $seen.Culture | Should -Be $Culture
    }

    It 'speaks the culture''s language, with the arguments in' {
        if ($Russian) {
            $seen.NoKey | Should -BeExactly 'Не задан API-ключ CapMonster: передайте -ApiKey, выполните Connect-CapMonster или задайте переменную окружения CAPMONSTER_API_KEY.'
            $seen.BadUri | Should -BeLike '«http://example.com/» не подходит как адрес сервиса*'
            $seen.Title | Should -BeExactly 'НЕТ СРЕДСТВ'
            $seen.Deprecated | Should -BeExactly 'ComplexImageHCaptcha (устарел)'
        } else {
            $seen.NoKey | Should -BeExactly 'No CapMonster API key: pass -ApiKey, run Connect-CapMonster, or set the CAPMONSTER_API_KEY environment variable.'
            $seen.BadUri | Should -BeLike "'http://example.com/' cannot be the service URI*"
            $seen.Title | Should -BeExactly 'NO FUNDS'
            $seen.Deprecated | Should -BeExactly 'ComplexImageHCaptcha (deprecated)'
        }
    }
}
