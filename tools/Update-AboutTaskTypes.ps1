<#
.SYNOPSIS
Writes en-US/about_CapMonsterTaskTypes.help.txt and ru-RU/about_CapMonsterTaskTypes.help.txt from the built module's
task-type table (src/Module/Tasks/TaskTypes.cs, read by reflection), so the topic and the table cannot drift. A test
regenerates them and compares. Files are UTF-8 with a BOM (Windows PowerShell 5.1 needs it for Cyrillic), lines at
most 80 columns. Run it after a Build whenever the table changes.

.EXAMPLE
dotnet pwsh ./build.ps1 Build; dotnet pwsh ./tools/Update-AboutTaskTypes.ps1
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot "../out/CapMonster/$((Import-PowerShellDataFile (Join-Path $PSScriptRoot '../CapMonster.psd1')).ModuleVersion)/CapMonster.psd1"),
    [string] $OutputRoot = (Join-Path $PSScriptRoot '..')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'AboutTopic.psm1') -Force

$module = Import-Module $ModulePath -PassThru
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

# Everything of the topic that is not table data, in both languages.
$text = @{
    en = @{
        Culture   = 'en-US'
        Short     = 'Every task type: its fields, proxy, default wait and answer.'
        Long      = @(
            'New-CapMonsterTask and Invoke-CapMonsterTask create the task types below. -Type takes the name in the heading, the type the API documentation uses, or an older API name listed under "Also". A task given as a CSV row, a hashtable or a JSON object names its type the same way, and its fields by their parameter or JSON names.'
            'Each type lists the parameters it needs and those it takes besides; every type also takes -NoCache. A missing field stops the task before anything is sent (MissingTaskField), a field of another variant of the same type too (UnexpectedTaskField); a field the table does not know for the type is sent with a warning. A field shown as metadata.x has no parameter of its own: give it in -Metadata or in the piped object.'
            'Proxy says whether the task takes your proxy: "not taken" (giving one is UnexpectedTaskField), "optional" (-ProxyType, -ProxyAddress and -ProxyPort together, or -Proxy; without them the service uses its own) or "required" (all of them and -ProxyLogin and -ProxyPassword, or -Proxy with a login).'
            'Wait is how long Wait-CapMonsterTask and Invoke-CapMonsterTask wait for the task by default (the task''s DefaultWaitTimeoutSec); -WaitTimeoutSec changes it. Answer is the solution''s field that a result''s Answer property holds; the whole solution is in its Solution property.'
        )
        Title     = 'TASK TYPES'
        Variant   = @{ With = '{0}, {1} {2}'; Without = '{0}, without {1}' }
        Labels    = [ordered]@{ ApiType = 'API type'; Class = 'class'; Required = 'Required'; Optional = 'Optional'; Proxy = 'Proxy'; Wait = 'Wait'; Answer = 'Answer'; Also = 'Also'; Deprecated = 'Deprecated' }
        Or        = ' or '
        MayBeEmpty = ' (may be empty)'
        None      = 'none'
        Proxy     = @{ None = 'not taken'; Optional = 'optional'; Required = 'required' }
        Seconds   = '{0} s'
        WholeSolution = 'the whole solution'
        Deprecated = 'removed from the API documentation; still sent, with a warning'
        SeeAlso   = 'SEE ALSO'
    }
    ru = @{
        Culture   = 'ru-RU'
        Short     = 'Все типы задач: их поля, прокси, ожидание по умолчанию и ответ.'
        Long      = @(
            'New-CapMonsterTask и Invoke-CapMonsterTask создают задачи перечисленных ниже типов. -Type принимает имя из заголовка, тип из документации API или старое имя API из строки «Также». Задача, заданная строкой CSV, хэш-таблицей или объектом JSON, называет свой тип так же, а поля — именами параметров или именами JSON.'
            'Для каждого типа перечислены обязательные параметры и те, которые он принимает помимо них; кроме того, любой тип принимает -NoCache. Если обязательного поля нет, задача останавливается до отправки (MissingTaskField), как и с полем другого варианта того же типа (UnexpectedTaskField); поле, которого таблица для типа не знает, отправляется с предупреждением. У поля вида metadata.x нет своего параметра: передайте его в -Metadata или в объекте из конвейера.'
            'Строка «Прокси» говорит, принимает ли задача ваш прокси: «не принимается» (прокси — ошибка UnexpectedTaskField), «необязательно» (-ProxyType, -ProxyAddress и -ProxyPort вместе или -Proxy; без них сервис использует свои) или «обязательно» (все они, а также -ProxyLogin и -ProxyPassword, или -Proxy с логином).'
            '«Ожидание» — сколько Wait-CapMonsterTask и Invoke-CapMonsterTask ждут задачу по умолчанию (свойство DefaultWaitTimeoutSec задачи); -WaitTimeoutSec меняет его. «Ответ» — поле решения, которое попадает в свойство Answer результата; всё решение — в свойстве Solution.'
        )
        Title     = 'ТИПЫ ЗАДАЧ'
        Variant   = @{ With = '{0}, {1} {2}'; Without = '{0}, без {1}' }
        Labels    = [ordered]@{ ApiType = 'Тип в API'; Class = 'класс'; Required = 'Обязательно'; Optional = 'Необязательно'; Proxy = 'Прокси'; Wait = 'Ожидание'; Answer = 'Ответ'; Also = 'Также'; Deprecated = 'Устарел' }
        Or        = ' или '
        MayBeEmpty = ' (можно пустым)'
        None      = 'нет'
        Proxy     = @{ None = 'не принимается'; Optional = 'необязательно'; Required = 'обязательно' }
        Seconds   = '{0} с'
        WholeSolution = 'всё решение'
        Deprecated = 'убран из документации API; отправляется, с предупреждением'
        SeeAlso   = 'СМ. ТАКЖЕ'
    }
}

function Format-TaskField([string] $Field, $Row, $t) {
    # "a|b" is either field; a field is shown as the parameter that carries it, or by its JSON name when none does.
    $names = foreach ($alternative in $Field -split '\|') {
        $name = $parameterName.Invoke($null, @($alternative))
        $shown = $fieldParameters.ContainsKey($name) ? "-$($fieldParameters[$name])" : $alternative
        $shown + ((Get-Row $Row 'AllowEmpty') -contains $alternative ? $t.MayBeEmpty : '')
    }
    return $names -join $t.Or
}

function New-AboutTaskTypes([string] $Language) {
    $t = $text[$Language]
    $lines = [System.Collections.Generic.List[string]]::new()
    $add = { foreach ($arg in $args) { foreach ($line in $arg) { $lines.Add($line) } } }
    & $add ($Language -eq 'ru' ? 'ТЕМА' : 'TOPIC'), '    about_CapMonsterTaskTypes', ''
    & $add ($Language -eq 'ru' ? 'КРАТКОЕ ОПИСАНИЕ' : 'SHORT DESCRIPTION'), "    $($t.Short)", ''
    & $add ($Language -eq 'ru' ? 'ПОЛНОЕ ОПИСАНИЕ' : 'LONG DESCRIPTION')
    foreach ($paragraph in $t.Long) { & $add (Format-Wrapped $paragraph -Indent 4) '' }

    & $add $t.Title
    $width = ($t.Labels.Values | ForEach-Object { "        ${_}:".Length } | Measure-Object -Maximum).Maximum + 1
    foreach ($row in $rows) {
        $name = Get-Row $row 'Name'
        $variantField = Get-Row $row 'VariantField'
        if ($variantField) {
            $parameter = '-' + $parameterName.Invoke($null, @($variantField))
            $value = Get-Row $row 'VariantValue'
            $name = $value ? ($t.Variant.With -f $name, $parameter, $value) : ($t.Variant.Without -f $name, $parameter)
        }
        & $add "    $name"
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

foreach ($language in 'en', 'ru') {
    Write-AboutTopic -Path (Join-Path $OutputRoot "$($text[$language].Culture)/about_CapMonsterTaskTypes.help.txt") -Lines (New-AboutTaskTypes $language)
}
