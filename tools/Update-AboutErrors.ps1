<#
.SYNOPSIS
Writes en-US/about_CapMonsterErrors.help.txt and ru-RU/about_CapMonsterErrors.help.txt from the error catalog
(src/Module/Errors/ErrorCatalog.json for the facts, ErrorCatalogText.resx and ErrorCatalogText.ru.resx beside it for
the words), so the topic and the catalog cannot drift. A test regenerates them and
compares. Files are UTF-8 with a BOM (Windows PowerShell 5.1 needs it for Cyrillic), lines at most 80 columns.

.EXAMPLE
dotnet pwsh ./tools/Update-AboutErrors.ps1
#>
param(
    [string] $CatalogPath = (Join-Path $PSScriptRoot '../src/Module/Errors/ErrorCatalog.json'),
    [string] $OutputRoot = (Join-Path $PSScriptRoot '..')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'AboutTopic.psm1') -Force

$catalog = Get-Content -Raw -Encoding utf8 $CatalogPath | ConvertFrom-Json

function Read-Resx([string] $Path) {
    $table = @{}
    foreach ($data in ([xml] (Get-Content -Raw -Encoding utf8 $Path)).root.data) { $table[$data.name] = $data.value }
    return $table
}
# The words per language: ErrorCatalogText.resx is English, ErrorCatalogText.<language>.resx the rest; a key missing
# from a language falls back to English, as it does in the module.
$catalogText = @{}
foreach ($language in 'en', 'ru') {
    $catalogText[$language] = Read-Resx (Join-Path (Split-Path $CatalogPath) ($language -eq 'en' ? 'ErrorCatalogText.resx' : "ErrorCatalogText.$language.resx"))
}
function Get-CatalogText([string] $Language, [string] $Key) {
    $value = $catalogText[$Language][$Key]
    return $null -ne $value ? $value : $catalogText.en[$Key]
}

# Everything of the topic that is not catalog data, in both languages.
$text = @{
    en = @{
        Culture      = 'en-US'
        Short        = 'Every CapMonster error: what it means, what to do, whether to retry.'
        Long         = @(
            'Every failure of a CapMonster cmdlet reaches you as a PowerShell ErrorRecord built from one error catalog. Its parts:'
            '- FullyQualifiedErrorId: the API error code, then the cmdlet, for example ERROR_ZERO_BALANCE,CapMonster.Commands.GetCapMonsterBalanceCommand. Failures the module finds itself have their own PascalCase id.'
            '- CategoryInfo.Category: what kind of failure it is (AuthenticationError, QuotaExceeded, InvalidArgument, ...).'
            '- ErrorDetails.Message: the meaning, in your language, plus the service''s own words where they say more. ErrorDetails.RecommendedAction: what to do.'
            '- TargetObject: the task or request concerned. The exception is a CapMonster.CapMonsterException (see below) with ErrorCode, ServerDescription, TaskId, HttpStatus, Retry and Entry.'
            'Messages are in Russian when the UI culture is Russian (ru-*), in English otherwise. Codes the catalog does not know yet (the API gains codes over time) keep their code and the server''s description verbatim, with category NotSpecified and a general recommendation.'
        )
        CatchTitle   = 'CATCHING ERRORS'
        Catch        = @(
            'Each error has an exception type by what it is about, so a catch block reads naturally:'
        )
        CatchExample = @(
            'try {'
            '    Invoke-CapMonsterTask -Type ImageToText -Body $b64 -ErrorAction Stop'
            '}'
            'catch [CapMonster.CapMonsterAccountException] {'
            '    # bad key, no funds, IP not allowed: stop the pipeline step'
            '    throw'
            '}'
            'catch [CapMonster.CapMonsterException] {'
            '    $_ | Resolve-CapMonsterError | Format-List'
            '}'
        )
        Areas        = [ordered]@{
            Account    = 'the API key, the balance or your IP address'
            Input      = 'the request''s input: task type, fields, image'
            Proxy      = 'the proxy given with the task'
            TargetSite = 'the site or captcha provider the task is for'
            Capacity   = 'the service''s capacity or rate limits'
            Task       = 'the task''s own state: unknown id, unsolvable'
            Connection = 'the network: timeouts, broken connections, bad answers'
        }
        ResolveTitle = 'RESOLVE-CAPMONSTERERROR'
        Resolve      = @(
            'Resolve-CapMonsterError turns a code, a title, an ErrorRecord or an exception into its catalog entry, in your language. With no input it lists the whole catalog.'
        )
        ResolveExample = @(
            'Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE | Format-List'
            'Resolve-CapMonsterError -Code ''no funds'''
            '$Error[0] | Resolve-CapMonsterError'
            'Resolve-CapMonsterError -Category ResourceBusy, LimitsExceeded'
        )
        AdviceTitle  = 'GENERAL ADVICE'
        CodesTitle   = 'ERROR CODES'
        ModuleTitle  = 'ERRORS THE MODULE FINDS ITSELF'
        Module       = 'These have a PascalCase id instead of an API code; the message says what happened that time.'
        Labels       = [ordered]@{ Aliases = 'Also'; Title = 'Title'; Category = 'Category'; Exception = 'Exception'; Retry = 'Retry'; Meaning = 'Meaning'; Action = 'What to do' }
        Retry        = @{
            Never       = 'no: fix the cause first'
            SameRequest = 'yes: repeat the same request after {0} s'
            NewTask     = 'create a new task, with fresh input or another proxy'
            NewTaskWait = 'create a new task after {0} s, with fresh input or another proxy'
        }
        NotReady     = 'This is not an error: the task is still being solved. Wait-CapMonsterTask and Invoke-CapMonsterTask keep polling.'
        UnknownTitle = 'CODES THE CATALOG DOES NOT KNOW'
        SeeAlso      = 'SEE ALSO'
    }
    ru = @{
        Culture      = 'ru-RU'
        Short        = 'Все ошибки CapMonster: что значат, что делать, стоит ли повторять.'
        Long         = @(
            'Любой сбой командлета CapMonster приходит к вам как ErrorRecord PowerShell, собранный по единому каталогу ошибок. Из чего он состоит:'
            '- FullyQualifiedErrorId: код ошибки API и имя командлета, например ERROR_ZERO_BALANCE,CapMonster.Commands.GetCapMonsterBalanceCommand. У сбоев, которые обнаружил сам модуль, свой идентификатор в стиле PascalCase.'
            '- CategoryInfo.Category: вид сбоя (AuthenticationError, QuotaExceeded, InvalidArgument и т. д.).'
            '- ErrorDetails.Message: что случилось, на вашем языке, и слова самого сервиса, если они что-то добавляют. ErrorDetails.RecommendedAction: что делать.'
            '- TargetObject: задача или запрос, к которым относится ошибка. Исключение — CapMonster.CapMonsterException (см. ниже) со свойствами ErrorCode, ServerDescription, TaskId, HttpStatus, Retry и Entry.'
            'Сообщения выводятся по-русски, если язык интерфейса русский (ru-*), иначе по-английски. Коды, которых ещё нет в каталоге (в API они время от времени появляются), сохраняются как есть вместе с описанием от сервера, с категорией NotSpecified и общей рекомендацией.'
        )
        CatchTitle   = 'ПЕРЕХВАТ ОШИБОК'
        Catch        = @(
            'У каждой ошибки есть тип исключения по тому, к чему она относится, поэтому блок catch читается естественно:'
        )
        CatchExample = @(
            'try {'
            '    Invoke-CapMonsterTask -Type ImageToText -Body $b64 -ErrorAction Stop'
            '}'
            'catch [CapMonster.CapMonsterAccountException] {'
            '    # неверный ключ, нет средств, IP не разрешён: останавливаем шаг'
            '    throw'
            '}'
            'catch [CapMonster.CapMonsterException] {'
            '    $_ | Resolve-CapMonsterError | Format-List'
            '}'
        )
        Areas        = [ordered]@{
            Account    = 'API-ключ, баланс или ваш IP-адрес'
            Input      = 'входные данные запроса: тип задачи, поля, картинка'
            Proxy      = 'прокси, указанный в задаче'
            TargetSite = 'сайт или поставщик капчи, для которого задача'
            Capacity   = 'мощности сервиса или ограничения частоты запросов'
            Task       = 'состояние самой задачи: неизвестный ID, капча не решается'
            Connection = 'сеть: таймауты, обрывы соединения, нечитаемые ответы'
        }
        ResolveTitle = 'RESOLVE-CAPMONSTERERROR'
        Resolve      = @(
            'Resolve-CapMonsterError находит в каталоге запись по коду, заголовку (русскому или английскому), ErrorRecord или исключению и выводит её на вашем языке. Без параметров выводит весь каталог.'
        )
        ResolveExample = @(
            'Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE | Format-List'
            'Resolve-CapMonsterError -Code ''нет средств'''
            '$Error[0] | Resolve-CapMonsterError'
            'Resolve-CapMonsterError -Category ResourceBusy, LimitsExceeded'
        )
        AdviceTitle  = 'ОБЩИЕ РЕКОМЕНДАЦИИ'
        CodesTitle   = 'КОДЫ ОШИБОК'
        ModuleTitle  = 'ОШИБКИ, КОТОРЫЕ ОБНАРУЖИВАЕТ САМ МОДУЛЬ'
        Module       = 'У них вместо кода API идентификатор в стиле PascalCase; сообщение уточняет, что произошло в этот раз.'
        Labels       = [ordered]@{ Aliases = 'Также'; Title = 'Заголовок'; Category = 'Категория'; Exception = 'Исключение'; Retry = 'Повтор'; Meaning = 'Что значит'; Action = 'Что делать' }
        Retry        = @{
            Never       = 'нет: сначала устраните причину'
            SameRequest = 'да: повторите тот же запрос через {0} с'
            NewTask     = 'создайте новую задачу, со свежими данными или другим прокси'
            NewTaskWait = 'создайте новую задачу через {0} с, со свежими данными или другим прокси'
        }
        NotReady     = 'Это не ошибка: задача ещё решается. Wait-CapMonsterTask и Invoke-CapMonsterTask продолжают опрос сами.'
        UnknownTitle = 'КОДЫ, КОТОРЫХ НЕТ В КАТАЛОГЕ'
        SeeAlso      = 'СМ. ТАКЖЕ'
    }
}

function New-AboutErrors([string] $Language) {
    $t = $text[$Language]
    $lines = [System.Collections.Generic.List[string]]::new()
    $add = { foreach ($arg in $args) { foreach ($line in $arg) { $lines.Add($line) } } }
    & $add ($Language -eq 'ru' ? 'ТЕМА' : 'TOPIC'), '    about_CapMonsterErrors', ''
    & $add ($Language -eq 'ru' ? 'КРАТКОЕ ОПИСАНИЕ' : 'SHORT DESCRIPTION'), "    $($t.Short)", ''
    & $add ($Language -eq 'ru' ? 'ПОЛНОЕ ОПИСАНИЕ' : 'LONG DESCRIPTION')
    for ($i = 0; $i -lt $t.Long.Count; $i++) {
        # Bullets stand on consecutive lines; a blank line closes a paragraph or the last bullet of a list.
        $isBullet = $t.Long[$i].StartsWith('- ')
        & $add (Format-Wrapped $t.Long[$i] -Indent 4 -HangingIndent ($isBullet ? 6 : 4))
        $nextIsBullet = $i + 1 -lt $t.Long.Count -and $t.Long[$i + 1].StartsWith('- ')
        if (-not ($isBullet -and $nextIsBullet)) { & $add '' }
    }

    & $add $t.CatchTitle
    foreach ($paragraph in $t.Catch) { & $add (Format-Wrapped $paragraph -Indent 4) '' }
    & $add ($t.CatchExample | ForEach-Object { "        $_" }) ''
    $width = ($t.Areas.Keys | ForEach-Object { "CapMonster.CapMonster$($_)Exception".Length } | Measure-Object -Maximum).Maximum + 6
    foreach ($area in $t.Areas.Keys) {
        $name = "    CapMonster.CapMonster$($area)Exception".PadRight($width)
        & $add (Format-Wrapped $t.Areas[$area] -Indent $width -HangingIndent $width | ForEach-Object -Begin { $first = $true } -Process {
                if ($first) { $first = $false; $name + $_.TrimStart() } else { $_ } })
    }
    & $add ''

    & $add $t.ResolveTitle
    foreach ($paragraph in $t.Resolve) { & $add (Format-Wrapped $paragraph -Indent 4) '' }
    & $add ($t.ResolveExample | ForEach-Object { "        $_" }) ''

    & $add $t.AdviceTitle (Format-Wrapped (Get-CatalogText $Language GeneralAdvice) -Indent 4) ''

    & $add $t.CodesTitle
    & $add (Format-Entries $catalog.entries $t $Language)
    & $add $t.ModuleTitle (Format-Wrapped $t.Module -Indent 4) ''
    & $add (Format-Entries $catalog.moduleErrors $t $Language)

    & $add $t.UnknownTitle (Format-Wrapped (Get-CatalogText $Language GenericAction) -Indent 4) ''
    & $add $t.SeeAlso '    about_CapMonster' '    Resolve-CapMonsterError' '    about_CommonParameters'
    return $lines
}

function Format-Entries($Entries, $t, [string] $Language) {
    $labelWidth = ($t.Labels.Values | ForEach-Object { "        ${_}:".Length } | Measure-Object -Maximum).Maximum + 1
    foreach ($entry in $Entries) {
        "    $($entry.code)"
        if ($entry.aliases) { Format-Field $t.Labels.Aliases ($entry.aliases -join ', ') $labelWidth }
        # Russian: the translation, then the documentation's own title, which Resolve-CapMonsterError finds too.
        $title = $Language -eq 'ru' ? "$(Get-CatalogText ru "$($entry.code).Title") ($(Get-CatalogText en "$($entry.code).Title"))" : (Get-CatalogText en "$($entry.code).Title")
        Format-Field $t.Labels.Title $title $labelWidth
        Format-Field $t.Labels.Category $entry.category $labelWidth
        Format-Field $t.Labels.Exception "CapMonster.CapMonster$($entry.area)Exception" $labelWidth
        $retry = switch ($entry.retry) {
            'Never' { $t.Retry.Never }
            'SameRequest' { $t.Retry.SameRequest -f $entry.retryDelaySeconds }
            'NewTask' { $entry.retryDelaySeconds ? ($t.Retry.NewTaskWait -f $entry.retryDelaySeconds) : $t.Retry.NewTask }
        }
        Format-Field $t.Labels.Retry $retry $labelWidth
        $meaning = Get-CatalogText $Language "$($entry.code).Description"
        if ($entry.code -eq 'CAPTCHA_NOT_READY') { $meaning += ' ' + $t.NotReady }
        Format-Field $t.Labels.Meaning $meaning $labelWidth
        Format-Field $t.Labels.Action (Get-CatalogText $Language "$($entry.code).Action") $labelWidth
        ''
    }
}

foreach ($language in 'en', 'ru') {
    Write-AboutTopic -Path (Join-Path $OutputRoot "$($text[$language].Culture)/about_CapMonsterErrors.help.txt") -Lines (New-AboutErrors $language)
}
