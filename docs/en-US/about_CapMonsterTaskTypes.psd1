# The words of about_CapMonsterTaskTypes in this language: tools/Update-AboutTaskTypes.ps1 writes the topic from
# them, from each type's section in shared/TaskParameters.md and from the module's task-type table.
@{
    Topic            = 'TOPIC'
    ShortHeading     = 'SHORT DESCRIPTION'
    LongHeading      = 'LONG DESCRIPTION'
    Short            = 'Every task type: its fields, proxy, default wait and answer.'
    Long             = @(
        'New-CapMonsterTask and Invoke-CapMonsterTask create the task types below. -Type takes the name in the heading, the type the API documentation uses, or an older API name listed under "Also". A task given as a CSV row, a hashtable or a JSON object names its type the same way, and its fields by their parameter or JSON names.'
        'Each type lists the parameters it needs and those it takes besides; every type also takes -NoCache. A missing field stops the task before anything is sent (MissingTaskField), a field of another variant of the same type too (UnexpectedTaskField); a field the table does not know for the type is sent with a warning. A field shown as metadata.x has no parameter of its own: give it in -Metadata or in the piped object.'
        'Proxy says whether the task takes your proxy: "not taken" (giving one is UnexpectedTaskField), "optional" (-ProxyType, -ProxyAddress and -ProxyPort together, or -Proxy; without them the service uses its own) or "required" (all of them and -ProxyLogin and -ProxyPassword, or -Proxy with a login).'
        'Wait is how long Wait-CapMonsterTask and Invoke-CapMonsterTask wait for the task by default (the task''s DefaultWaitTimeoutSec); -WaitTimeoutSec changes it. Answer is the solution''s field that a result''s Answer property holds; the whole solution is in its Solution property.'
    )
    Title            = 'TASK TYPES'
    VariantWith      = '{0}, {1} {2}'
    VariantWithout   = '{0}, without {1}'
    Labels           = @{ ApiType = 'API type'; Class = 'class'; Required = 'Required'; Optional = 'Optional'; Proxy = 'Proxy'; Wait = 'Wait'; Answer = 'Answer'; Also = 'Also'; Deprecated = 'Deprecated' }
    Or               = ' or '
    MayBeEmpty       = ' (may be empty)'
    None             = 'none'
    Proxy            = @{ None = 'not taken'; Optional = 'optional'; Required = 'required' }
    Seconds          = '{0} s'
    WholeSolution    = 'the whole solution'
    Deprecated       = 'removed from the API documentation; still sent, with a warning'
    SeeAlso          = 'SEE ALSO'
}
