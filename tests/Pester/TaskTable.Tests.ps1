# The recipe for a task type (docs/ARCHITECTURE.md, "Add a task type") held by tests that read the module's own
# table: every field has its parameter, every task-field parameter serves a row, and every row goes end to end
# through New-CapMonsterTask | Wait-CapMonsterTask against the emulator with sample values made from its fields'
# names and parameter types. Each failure names the step that is missing. The field-for-field oracle, written
# independently of the table, is TaskTypes.Tests.ps1; the help sections per type are held by Help.Tests.ps1.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-TestModulePath) -PassThru -Force
    # Hashtables, so each one's keys are the variables of its test.
    $script:rows = foreach ($row in Get-TaskTypeRow $module) {
        $case = @{}
        foreach ($property in $row.PSObject.Properties) { $case[$property.Name] = $property.Value }
        $case
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $module = Import-Module (Get-TestModulePath) -PassThru -Force
    $table = $module.ImplementingAssembly.GetType('CapMonster.Tasks.TaskTypes', $true)
    $static = [Reflection.BindingFlags] 'NonPublic, Public, Static'
    $withoutParameter = @($table.GetField('WithoutParameter', $static).GetValue($null))
    $taskFields = Get-TaskFieldParameter $module
    $parameterName = $taskFields.ParameterName
    $fieldParameters = $taskFields.Names
    $command = Get-Command -Module $module New-CapMonsterTask
    $allRows = Get-TaskTypeRow $module
    $recipe = 'src/Module/Tasks/TaskTypes.cs'

    # Sample values from a field's JSON name and its parameter's type and validation, so a new row needs no case here.
    # A few values mean something to the service (a recognition task's name): those are named.
    $meaningful = @{ 'metadata.Task' = 'shein' }
    $image = [Convert]::ToBase64String([byte[]] (1..150))
    function Get-SampleText([string] $Json) {
        if ($Json -match 'base64$|^body$') { return $image }
        if ($Json -match '(urls?|script|lib)$') { return "https://example.com/$Json" }
        return "sample-$Json"
    }
    function Get-SampleValue([string] $Field) {
        if ($meaningful.ContainsKey($Field)) { return $meaningful[$Field] }
        $json = $Field -replace '^metadata\.'
        if ($Field -in $withoutParameter) { return Get-SampleText $json }
        $parameter = $command.Parameters[(& $parameterName $Field)]
        $set = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
        $range = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateRangeAttribute] }
        switch ($parameter.ParameterType) {
            { $set } { return $set.ValidValues[0] }
            { $range } { return $range.MinRange }
            ([System.Management.Automation.SwitchParameter]) { return $true }
            ([string[]]) { return , @(Get-SampleText $json) }
            ([hashtable]) { return @{ sample = 'value' } }
            ([object]) { return 'name=value' }
            ([string]) { return Get-SampleText $json }
            default { return 1 }
        }
    }
    function New-TaskTypeSample($Row) {
        # The first of each required choice and every optional field (nocache aside: it makes the first poll wait),
        # the row's variant value, a full proxy when the row requires one.
        $fields = @($Row.Required | ForEach-Object { ($_ -split '\|')[0] }) + $Row.Optional |
            Where-Object { $_ -ne 'nocache' -and $_ -ne $Row.VariantField } | Select-Object -Unique
        $params = @{}
        $metadata = @{}
        foreach ($field in $fields) {
            if ($field -in $withoutParameter) { $metadata[$field -replace '^metadata\.'] = Get-SampleValue $field }
            else { $params[(& $parameterName $field)] = Get-SampleValue $field }
        }
        if ($Row.VariantValue) { $params[(& $parameterName $Row.VariantField)] = $Row.VariantValue }
        if ($metadata.Count) { $params.Metadata = $metadata }
        if ($Row.Proxy -eq 'Required') { $params.Proxy = 'http://user:secret@203.0.113.10:8080' }
        return $params
    }
}

Describe 'The task-type table and the task-field parameters' {
    It 'gives every field of every row its [TaskField] parameter, or lists it in TaskTypes.WithoutParameter' {
        $missing = foreach ($row in $allRows) {
            foreach ($field in $row.Fields | Where-Object { $_ -notin $withoutParameter }) {
                $name = & $parameterName $field
                if ($name -notin $fieldParameters) { "$($row.Name): $field has no parameter -$name" }
            }
        }
        $missing | Should -BeNullOrEmpty -Because "step 1 of the recipe: a new field gets its [TaskField] parameter in $recipe (the TaskParametersCmdlet part at the end)"
    }

    It 'has a use for every [TaskField] parameter: a row takes its field' {
        $used = $allRows.Fields | ForEach-Object { & $parameterName $_ } | Sort-Object -Unique
        @($fieldParameters | Where-Object { $_ -notin $used }) | Should -BeNullOrEmpty -Because "a parameter no row of $recipe takes is dead"
    }

    It 'lists in TaskTypes.WithoutParameter only fields a row takes and no parameter carries' {
        foreach ($field in $withoutParameter) {
            $allRows.Fields | Should -Contain $field -Because "TaskTypes.WithoutParameter in $recipe names $field"
            # -Task is the whole task object, not metadata.Task's parameter.
            $name = & $parameterName $field
            ($name -in $fieldParameters) | Should -BeFalse -Because "$field has the parameter -${name}: take it out of TaskTypes.WithoutParameter"
        }
    }
}

Describe 'Every row of the table against the emulator' {
    BeforeAll {
        $key = New-EmulatorKey -Balance 1000
        $env:CAPMONSTER_SERVICE_URI = Get-TestEmulatorUri
        $env:CAPMONSTER_API_KEY = $key
        # Every row created first, then all waited on at once.
        $created = @{}
        $refused = @{}
        foreach ($row in $allRows) {
            # A field without its parameter fails binding for its own row only; the convention test above names it.
            try {
                $params = New-TaskTypeSample $row
                $created[$row.Label] = New-CapMonsterTask -Type $row.Name @params -ErrorAction SilentlyContinue -ErrorVariable failure -WarningAction SilentlyContinue
                $refused[$row.Label] = $failure
            } catch {
                $refused[$row.Label] = $_
            }
        }
        $results = @{}
        $created.Values | Where-Object { $_ } | Wait-CapMonsterTask -ErrorAction SilentlyContinue -ErrorVariable waitFailures |
            ForEach-Object { $results[$_.TaskId] = $_ }
    }
    AfterAll {
        Remove-Item Env:CAPMONSTER_SERVICE_URI, Env:CAPMONSTER_API_KEY -ErrorAction Ignore
    }

    It '<Label>: the emulator takes it and the result carries the row''s answer' -ForEach @($rows | Where-Object { -not $_.Deprecated }) {
        $task = $created[$Label]
        $because = "the emulator's rule for $Label (src/Emulator) must accept the row's fields: $($refused[$Label])"
        $task | Should -Not -BeNullOrEmpty -Because $because
        $result = $results[$task.TaskId]
        $result | Should -Not -BeNullOrEmpty -Because "the emulator must solve $Label`: $($waitFailures | Where-Object { $_.TargetObject.TaskId -eq $task.TaskId })"
        $result.Status | Should -Be 'ready'
        if ($MainAnswer) {
            $result.Solution.PSObject.Properties.Name | Should -Contain $MainAnswer -Because "the emulator's solution for $Label has the row's main answer"
            ConvertTo-CanonicalJson $result.Answer | Should -Be (ConvertTo-CanonicalJson $result.Solution.$MainAnswer)
        } else {
            ConvertTo-CanonicalJson $result.Answer | Should -Be (ConvertTo-CanonicalJson $result.Solution)
        }
    }

    It '<Label>: removed from the documentation, refused as the service does' -ForEach @($rows | Where-Object { $_.Deprecated }) {
        $created[$Label] | Should -BeNullOrEmpty
        $refused[$Label][0].FullyQualifiedErrorId | Should -Be 'ERROR_TASK_NOT_SUPPORTED,CapMonster.Commands.NewCapMonsterTaskCommand'
    }
}
