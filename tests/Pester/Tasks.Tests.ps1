# Creating, checking, polling and waiting, against the emulator; polling measured from its request log.
BeforeDiscovery {
    # Every type of the table with nothing but -Type: each must name a required field, before anything is sent.
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:typeNames = Get-TaskTypeRow (Import-Module (Get-TestModulePath) -PassThru -Force) | ForEach-Object Name | Select-Object -Unique
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $emulator = Get-TestEmulatorUri
    $env:CAPMONSTER_SERVICE_URI = $emulator
    $png = [byte[]] (1..300 | ForEach-Object { $_ % 256 })

    function Get-Polls([string] $Key, [long] $TaskId) { Get-EmulatorLog -Key $Key -Method getTaskResult -TaskId $TaskId }
    # The log's times are ISO-8601; ConvertFrom-Json has already made them DateTime values.
    # What -WhatIf writes goes to the host, not to a stream: a transcript catches it.
    function Get-HostText([scriptblock] $ScriptBlock) {
        $path = Join-Path $TestDrive "host-$([guid]::NewGuid()).txt"
        $null = Start-Transcript -Path $path
        try { $null = & $ScriptBlock } finally { $null = Stop-Transcript }
        Get-Content -Raw $path
    }
    function Get-Seconds($Entries) { @($Entries | ForEach-Object { [datetimeoffset] $_.time }) }
}

AfterAll {
    Remove-Item Env:CAPMONSTER_SERVICE_URI, Env:CAPMONSTER_API_KEY -ErrorAction Ignore
}

Describe 'Checked before money is spent' {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
        $before = { @(Get-EmulatorLog -Key $key -Method createTask).Count }
    }

    It '<_> without its fields names what is missing, and sends nothing' -ForEach $typeNames {
        $count = & $before
        $out = New-CapMonsterTask -Type $_ -ErrorAction SilentlyContinue -ErrorVariable err
        $out | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'MissingTaskField,CapMonster.Commands.NewCapMonsterTaskCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ErrorDetails.Message | Should -Match "$_.* -\w+"
        (& $before) | Should -Be $count
    }

    It 'sends a field the table does not know for the type, with a warning naming it that -WarningAction hides' {
        $task = New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -MinScore 0.5 -WarningVariable warned 3>$null
        $warned | Should -HaveCount 1
        "$warned" | Should -Match 'minScore.*RecaptchaV2'
        (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task.minScore | Should -Be 0.5
        $task = @{ type = 'RecaptchaV2Task'; websiteURL = 'https://example.com/'; websiteKey = 'k'; brandNewField = 'x' } | New-CapMonsterTask -WarningVariable warned 3>$null
        "$warned" | Should -Match 'brandNewField'
        (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task.brandNewField | Should -Be 'x'
        $quiet = New-CapMonsterTask -Type Prosopo -WebsiteUrl https://example.com/ -WebsiteKey k -UserAgent ua -WarningAction SilentlyContinue 3>&1
        @($quiet | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -HaveCount 0
    }

    It 'refuses a field of another variant of the same type: <What>' -ForEach @(
        @{ What = 'Grid on a recognition task'; Params = @{ Type = 'ComplexImageRecognition'; ImagesBase64 = [Convert]::ToBase64String([byte[]] (1..150)); Metadata = @{ Task = 'dli' }; Grid = '3x3' }; Variant = 'ComplexImageRecaptcha' }
        @{ What = 'an hCaptcha example image on a reCAPTCHA grid'; Params = @{ Type = 'ComplexImageRecaptcha'; ImageUrls = 'https://example.com/a.png'; Grid = '3x3'; TaskDefinition = '/m/1'; ExampleImageUrls = 'https://example.com/e.png' }; Variant = 'ComplexImageHCaptcha' }
    ) {
        $count = & $before
        New-CapMonsterTask @Params -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedTaskField,*'
        $err[0].ErrorDetails.Message | Should -Match $Variant
        (& $before) | Should -Be $count
    }

    It 'takes -NoCache on every type' {
        $task = New-CapMonsterTask -Type Basilisk -WebsiteUrl https://example.com/ -WebsiteKey k -NoCache
        (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task.nocache | Should -BeTrue
        $task.FirstPollSec | Should -Be 10
    }

    It 'takes the proxy''s login and password as a -ProxyCredential, the password never shown' {
        $credential = [pscredential]::new('proxyuser', (ConvertTo-SecureString 'Pr0xy-S3cret' -AsPlainText -Force))
        $whatIf = Get-HostText { New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -ProxyType http -ProxyAddress 203.0.113.10 -ProxyPort 8080 -ProxyCredential $credential -WhatIf -Verbose }
        $whatIf | Should -Match '"proxyLogin":"proxyuser"'
        $whatIf | Should -Match '"proxyPassword":"\*\*\*"'
        $whatIf | Should -Not -Match 'Pr0xy-S3cret'
        $task = New-CapMonsterTask -Type Hunt -WebsiteUrl https://example.com/ -ApiGetLib https://example.com/api.js -Proxy 'http://203.0.113.10:8080' -ProxyCredential $credential
        $sent = (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task
        $sent.proxyLogin, $sent.proxyPassword | Should -Be 'proxyuser', '***'
    }

    It 'refuses a minScore outside 0.1..0.9 at binding' {
        { New-CapMonsterTask -Type RecaptchaV3 -WebsiteUrl https://example.com/ -WebsiteKey k -MinScore 0.95 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,CapMonster.Commands.NewCapMonsterTaskCommand'
    }

    It 'raises the catalog''s <Code> locally for <What>' -ForEach @(
        @{ What = 'a URL that is not http or https'; Code = 'ERROR_RECAPTCHA_INVALID_DOMAIN'; Params = @{ Type = 'RecaptchaV2'; WebsiteUrl = 'ftp://example.com/'; WebsiteKey = 'k' } }
        @{ What = 'an image under 100 bytes'; Code = 'ERROR_ZERO_CAPTCHA_FILESIZE'; Params = @{ Type = 'ImageToText'; Image = [byte[]] (1..99) } }
        @{ What = 'an image over 50,000 bytes'; Code = 'ERROR_TOO_BIG_CAPTCHA_FILESIZE'; Params = @{ Type = 'ImageToText'; Image = [byte[]]::new(50001) } }
        @{ What = 'a proxy without its port'; Code = 'ERROR_PROXY_MISSING'; Params = @{ Type = 'RecaptchaV2'; WebsiteUrl = 'https://example.com/'; WebsiteKey = 'k'; ProxyType = 'http'; ProxyAddress = '203.0.113.10' } }
        @{ What = 'a type that needs a proxy, without one'; Code = 'ERROR_PROXY_MISSING'; Params = @{ Type = 'Hunt'; WebsiteUrl = 'https://example.com/'; ApiGetLib = 'https://example.com/api.js' } }
        @{ What = 'a required proxy without login'; Code = 'ERROR_PROXY_MISSING'; Params = @{ Type = 'Hunt'; WebsiteUrl = 'https://example.com/'; ApiGetLib = 'https://example.com/api.js'; Proxy = 'http://203.0.113.10:8080' } }
    ) {
        $count = & $before
        New-CapMonsterTask @Params -ErrorAction SilentlyContinue -ErrorVariable err
        $entry = Resolve-CapMonsterError -Code $Code
        $err[0].FullyQualifiedErrorId | Should -Be "$Code,CapMonster.Commands.NewCapMonsterTaskCommand"
        $err[0].CategoryInfo.Category | Should -Be $entry.Category
        $err[0].ErrorDetails.RecommendedAction | Should -Be $entry.RecommendedAction
        (& $before) | Should -Be $count
    }

    It 'refuses <What>' -ForEach @(
        @{ What = 'a proxy host name'; Id = 'InvalidTaskField'; Params = @{ Proxy = 'socks5://u:p@proxy.example.com:1080' } }
        @{ What = 'a private proxy address'; Id = 'InvalidTaskField'; Params = @{ Proxy = 'http://u:p@192.168.1.10:3128' } }
        @{ What = 'a proxy URI that is not one'; Id = 'InvalidTaskField'; Params = @{ Proxy = 'not a proxy' } }
        @{ What = 'a proxy scheme the API does not know'; Id = 'ERROR_PROXY_MISSING'; Params = @{ Proxy = 'ftp://u:p@203.0.113.10:21' } }
    ) {
        New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k @Params -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
    }

    It 'refuses a proxy for a type that takes none' {
        New-CapMonsterTask -Type RecaptchaV3 -WebsiteUrl https://example.com/ -WebsiteKey k -Proxy 'http://u:p@203.0.113.10:80' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedTaskField,*'
    }

    It 'refuses an unknown type, pointing to -Task' {
        New-CapMonsterTask -Type NoSuchCaptcha -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnknownTaskType,*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match '-Task'
    }

    It 'reads the proxy from -Proxy' {
        $task = New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -Proxy 'socks5://us%40er:p%3Ass@203.0.113.10:1080'
        $sent = (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task
        $sent.proxyType, $sent.proxyAddress, $sent.proxyPort, $sent.proxyLogin, $sent.proxyPassword | Should -Be 'socks5', '203.0.113.10', 1080, 'us@er', '***'
    }

    It 'shows the JSON under -WhatIf, key and proxy password hidden, and sends nothing' {
        $count = & $before
        $whatIf = Get-HostText { New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -Proxy 'http://login:hunter2@203.0.113.10:8080' -WhatIf }
        $whatIf | Should -Match '"clientKey":"\*\*\*"'
        $whatIf | Should -Match '"type":"RecaptchaV2Task"'
        $whatIf | Should -Match '"proxyPassword":"\*\*\*"'
        $whatIf | Should -Not -Match 'hunter2'
        $whatIf | Should -Not -Match $key
        (& $before) | Should -Be $count
    }

    It 'shortens an image in -WhatIf rather than printing 50,000 characters' {
        $whatIf = Get-HostText { New-CapMonsterTask -Type ImageToText -Image ([byte[]]::new(30000)) -WhatIf }
        $whatIf | Should -Match '"body":"A{60}…\(40,000 chars\)"'
    }
}

Describe 'Images' {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'captchas')
        foreach ($i in 1..3) { [IO.File]::WriteAllBytes((Join-Path $folder "c$i.png"), [byte[]] (1..(150 + $i))) }
    }

    It 'makes one ImageToText task per file piped from Get-ChildItem' {
        $tasks = Get-ChildItem $folder -Filter *.png | New-CapMonsterTask -Type ImageToText
        $tasks.Count | Should -Be 3
        $bodies = $tasks | ForEach-Object { (Get-EmulatorLog -Key $key -Method createTask -TaskId $_.TaskId).body.task.body }
        $bodies | Should -Be (1..3 | ForEach-Object { [Convert]::ToBase64String([byte[]] (1..(150 + $_))) })
    }

    It 'sends several files as the images of one ComplexImage task' {
        $task = New-CapMonsterTask -Type ComplexImageRecognition -Path (Join-Path $folder c1.png), (Join-Path $folder c2.png) -Metadata @{ Task = 'oocl_rotate_new' }
        $sent = (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task
        $sent.imagesBase64.Count | Should -Be 2
    }

    It 'writes ImageFileNotFound for a missing file' {
        New-CapMonsterTask -Type ImageToText -Path (Join-Path $TestDrive 'none.png') -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImageFileNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'takes one image source only' {
        New-CapMonsterTask -Type ImageToText -Image $png -Body 'AAAA' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidTaskField,*'
    }

    It 'expands wildcards in -Path and in piped strings, and ties each result to its file' -Tag Slow {
        $results = Invoke-CapMonsterTask -Type ImageToText -Path (Join-Path $folder 'c*.png')
        ($results.Path | Sort-Object) | Should -Be (1..3 | ForEach-Object { Join-Path $folder "c$_.png" })
        $results = Get-ChildItem $folder -Filter c*.png | Invoke-CapMonsterTask ImageToText | Select-Object Path, Text
        foreach ($result in $results) {
            $result.Text | Should -Not -BeNullOrEmpty
            $own = Invoke-CapMonsterTask ImageToText -LiteralPath $result.Path
            $own.Text | Should -Be $result.Text -Because 'the emulator answers an image with the same text every time'
        }
        (Join-Path $folder 'c[12].png') | New-CapMonsterTask ImageToText | Should -HaveCount 2
    }

    It 'takes -LiteralPath (and PSPath by property name) without wildcards' {
        $odd = Join-Path $folder '[odd].png'
        [IO.File]::WriteAllBytes($odd, [byte[]] (1..170))
        $task = New-CapMonsterTask ImageToText -LiteralPath $odd
        $task.Path | Should -Be $odd
        (Get-Item -LiteralPath $odd | New-CapMonsterTask ImageToText).Path | Should -Be $odd
        [pscustomobject]@{ PSPath = $odd } | Select-Object PSPath | New-CapMonsterTask ImageToText | Should -HaveCount 1
    }

    It 'says clearly when <What>' -ForEach @(
        @{ What = 'the path is a directory'; Params = @{ Path = '.' }; Message = 'directory' }
        @{ What = 'no file matches the pattern'; Params = @{ Path = 'nothing-*.png' }; Message = 'No file matches' }
    ) {
        Push-Location $folder
        try { New-CapMonsterTask -Type ImageToText @Params -ErrorAction SilentlyContinue -ErrorVariable err } finally { Pop-Location }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImageFileNotFound,*'
        $err[0].ErrorDetails.Message | Should -Match $Message
    }

    It 'checks a file''s size before reading it: a 1.7 GB file is refused at once' {
        $huge = Join-Path $TestDrive 'huge.png'
        $stream = [IO.File]::Create($huge)
        try { $stream.SetLength(1.7GB) } finally { $stream.Dispose() }   # sparse: no disk space used
        $watch = [Diagnostics.Stopwatch]::StartNew()
        New-CapMonsterTask -Type ImageToText -Path $huge -ErrorAction SilentlyContinue -ErrorVariable err
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ERROR_TOO_BIG_CAPTCHA_FILESIZE,*'
        "$($err[0].TargetObject)" | Should -Match 'huge\.png'
        Remove-Item $huge
    }

    It 'takes image bytes from the pipeline: <How>' -Tag Slow -ForEach @(
        @{ How = 'a byte array (Get-Content -AsByteStream -Raw)'; Raw = $true }
        @{ How = 'bytes one by one (Get-Content -AsByteStream)'; Raw = $false }
    ) {
        $file = Join-Path $folder 'c1.png'
        $results = if ($Raw) { Get-Content $file -AsByteStream -Raw | Invoke-CapMonsterTask ImageToText } else { Get-Content $file -AsByteStream | Invoke-CapMonsterTask ImageToText }
        @($results) | Should -HaveCount 1
        $sent = (Get-EmulatorLog -Key $key -Method createTask -TaskId $results.TaskId).body.task
        $sent.body | Should -Be ([Convert]::ToBase64String([IO.File]::ReadAllBytes($file)))
        $sent.PSObject.Properties.Name | Should -Not -Contain 'count' -Because 'a byte array''s Count is not Castle''s -Count'
        $results.Input -is [byte[]] | Should -BeTrue
    }

    It 'refuses an image for a type that takes none (<How>), sending nothing' -ForEach @(
        @{ How = 'a file piped to RecaptchaV2'; Run = { Get-Item (Join-Path $folder 'c1.png') | New-CapMonsterTask RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k @args } }
        @{ How = '-Path on Turnstile'; Run = { New-CapMonsterTask Turnstile -WebsiteUrl https://example.com/ -WebsiteKey k -Path (Join-Path $folder 'c1.png') @args } }
        @{ How = '-LiteralPath on RecaptchaV2'; Run = { New-CapMonsterTask RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -LiteralPath (Join-Path $folder 'c1.png') @args } }
        @{ How = 'bytes on RecaptchaV2'; Run = { , $png | New-CapMonsterTask RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k @args } }
        @{ How = '-Image on Turnstile'; Run = { New-CapMonsterTask Turnstile -WebsiteUrl https://example.com/ -WebsiteKey k -Image $png @args } }
    ) {
        $count = @(Get-EmulatorLog -Key $key -Method createTask).Count
        $out = . $Run -ErrorAction SilentlyContinue -ErrorVariable err -WarningVariable warned   # dot: the variables land here
        $out | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnexpectedTaskField,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ErrorDetails.Message | Should -Match 'ImageToText'
        $warned | Should -BeNullOrEmpty
        @(Get-EmulatorLog -Key $key -Method createTask).Count | Should -Be $count
    }

    It 'does not take an unrelated object''s properties as task fields' {
        $count = @(Get-EmulatorLog -Key $key -Method createTask).Count
        Get-Module CapMonster | New-CapMonsterTask -Type GeeTest -WebsiteUrl https://example.com/ -Gt g -Challenge c -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnsupportedTaskInput,*'
        $err[0].TargetObject | Should -BeOfType [psmoduleinfo]
        @(Get-EmulatorLog -Key $key -Method createTask).Count | Should -Be $count
    }
}

Describe 'Inputs as users write them' {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
        function Get-Sent($Task) { (Get-EmulatorLog -Key $key -Method createTask -TaskId $Task.TaskId).body.task }
    }

    It 'solves a CSV of mixed types with empty cells end to end, and Export-Csv of the results matches each row' {
        $sites = Join-Path $TestDrive 'mixed.csv'
        @'
Type,WebsiteUrl,WebsiteKey,PageAction,MinScore,Proxy,ProxyPort,SoftId,CallbackUrl,UserAgent,Cookies,IsInvisible,Gt,Version,Metadata
RecaptchaV2,https://v2.example.com/,6Lc-v2,verify,,,,,,,,false,,,
RecaptchaV3,https://v3.example.com/,6Lc-v3,login,0.7,,,,,,,,,,
GeeTest,https://gt4.example.com/,,,,,,,,Mozilla/5.0 (Windows NT 10.0),,,captcha-id,4,
Turnstile,https://ts.example.com/,0x4AAA,,,,,,,,,,,,
RecaptchaV2,https://v2b.example.com/,6Lc-v2b,,,,,,,,a=1,true,,,
'@ | Set-Content -LiteralPath $sites
        $out = Join-Path $TestDrive 'solved.csv'
        Import-Csv $sites | Invoke-CapMonsterTask | Export-Csv $out
        $rows = Import-Csv $sites
        $solved = Import-Csv $out
        $solved | Should -HaveCount $rows.Count
        foreach ($row in $rows) {
            $result = $solved | Where-Object WebsiteUrl -EQ $row.WebsiteUrl
            $result | Should -HaveCount 1 -Because $row.WebsiteUrl
            $result.Type | Should -Be $row.Type
            $result.Status | Should -Be 'ready'
            $result.Answer | Should -Not -BeNullOrEmpty
            $result.Answer | Should -Not -Match '^@\{|System\.Object' -Because 'Export-Csv must give the answer itself'
            [double] $result.ElapsedSec | Should -BeGreaterThan 0
        }
        $sent = Get-EmulatorLog -Key $key -Method createTask | ForEach-Object { $_.body.task }
        $v2 = $sent | Where-Object websiteURL -EQ 'https://v2.example.com/'
        $v2.PSObject.Properties.Name | Should -Not -Contain 'pageAction' -Because 'a column of another type is ignored for the row'
        $v2.PSObject.Properties.Name | Should -Not -Contain 'userAgent' -Because 'an empty cell is a parameter not given'
        $v2.PSObject.Properties.Name | Should -Not -Contain 'cookies'
        $v2.isInvisible | Should -BeFalse
        ($sent | Where-Object websiteURL -EQ 'https://v2b.example.com/').isInvisible | Should -BeTrue
        ($sent | Where-Object websiteURL -EQ 'https://v3.example.com/').minScore | Should -Be 0.7
        ($sent | Where-Object websiteURL -EQ 'https://gt4.example.com/').version | Should -Be 4
        (Get-EmulatorLog -Key $key -Method createTask | Where-Object { $_.body.softId }) | Should -BeNullOrEmpty
    }

    It 'sends a piped object''s unknown key only in the API''s form; its own columns are named under -Verbose and stay on Input' {
        $row = @'
Id,Type,WebsiteUrl,WebsiteKey,Notes,Expected,brandNewField,MinScore
1,RecaptchaV2,https://cols.example.com/,k,first site,ok,new,0.5
'@ | ConvertFrom-Csv
        $out = $row | New-CapMonsterTask -Verbose -WarningVariable warned 3>$null 4>&1
        $task = $out | Where-Object { $_ -is [CapMonster.CaptchaTask] }
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '\bNotes\b' })
        $sent = Get-Sent $task
        $sent.PSObject.Properties.Name | Should -Not -Contain 'Id'
        $sent.PSObject.Properties.Name | Should -Not -Contain 'Notes'
        $sent.PSObject.Properties.Name | Should -Not -Contain 'Expected'
        $sent.PSObject.Properties.Name | Should -Not -Contain 'minScore' -Because 'a column of another type stays ignored for the row'
        $sent.brandNewField | Should -Be 'new'
        $warned | Should -HaveCount 1
        "$warned" | Should -Match 'brandNewField'
        "$warned" | Should -Not -Match 'Notes|Expected|\bId\b'
        $verbose | Should -HaveCount 1
        $verbose[0].Message | Should -Match 'Id, Notes, Expected'
        $verbose[0].Message | Should -Not -Match 'brandNewField'
        $task.Input.Notes | Should -Be 'first site'
    }

    It 'refuses a typo in a piped object''s Type as -Type does, and sends an object in the API''s own names as is' {
        $count = @(Get-EmulatorLog -Key $key -Method createTask).Count
        [pscustomobject]@{ Type = 'Recaptcha2'; WebsiteUrl = 'https://example.com/'; WebsiteKey = 'k' } |
            New-CapMonsterTask -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'UnknownTaskType,CapMonster.Commands.NewCapMonsterTaskCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ErrorDetails.Message | Should -Match "'Recaptcha2'.*RecaptchaV2"
        $err[0].ErrorDetails.RecommendedAction | Should -Match '-Task'
        @{ type = 'Recaptcha2'; websiteURL = 'https://example.com/'; Notes = 'x' } | New-CapMonsterTask -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnknownTaskType,*' -Because 'one key not in the API''s form makes it not a task copied from the API'
        @(Get-EmulatorLog -Key $key -Method createTask).Count | Should -Be $count
        [ordered]@{ type = 'FutureTask'; websiteURL = 'https://example.com/'; futureKey = 'k' } | New-CapMonsterTask -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ERROR_TASK_NOT_SUPPORTED,*' -Because 'the service, not the module, judged it'
        $sent = (Get-EmulatorLog -Key $key -Method createTask)[-1].body.task
        $sent.type, $sent.futureKey | Should -Be 'FutureTask', 'k'
    }

    It 'ties each result to its row: .Input is the row itself' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Type = 'Prosopo'; WebsiteUrl = "https://row$_.example.com/"; WebsiteKey = "k$_"; Note = "row $_" } }
        $results = $rows | Invoke-CapMonsterTask -WarningAction SilentlyContinue
        foreach ($result in $results) {
            $result.Input.WebsiteUrl | Should -Be $result.WebsiteUrl
            [object]::ReferenceEquals($result.Input, ($rows | Where-Object WebsiteUrl -EQ $result.WebsiteUrl)) | Should -BeTrue
        }
    }

    It 'takes a <What> from the pipeline as a task' -ForEach @(
        @{ What = 'hashtable'; Make = { @{ type = 'RecaptchaV2Task'; websiteURL = 'https://h.example.com/'; websiteKey = 'k'; isInvisible = $true } } }
        @{ What = 'ordered hashtable'; Make = { [ordered]@{ type = 'RecaptchaV2'; websiteURL = 'https://o.example.com/'; websiteKey = 'k'; isInvisible = $true } } }
        @{ What = 'JSON object'; Make = { '{"type":"NoCaptchaTaskProxyless","websiteURL":"https://j.example.com/","websiteKey":"k","isInvisible":true}' | ConvertFrom-Json } }
    ) {
        $task = & $Make | New-CapMonsterTask
        $task | Should -BeOfType ([CapMonster.CaptchaTask])
        $task.Type | Should -Be 'RecaptchaV2'
        $sent = Get-Sent $task
        $sent.type | Should -Be 'RecaptchaV2Task'
        $sent.isInvisible | Should -BeTrue
        $task.WebsiteUrl | Should -Be $sent.websiteURL
        $task.Input | Should -Not -BeNullOrEmpty
    }

    It 'reads a JSON task object''s class, metadata and proxy' {
        $json = '{"type":"CustomTask","class":"DataDome","websiteURL":"https://dd.example.com/","metadata":{"captchaUrl":"https://geo.captcha-delivery.com/captcha/?x=1","datadomeCookie":"datadome=1"},"proxyType":"http","proxyAddress":"203.0.113.10","proxyPort":8080,"proxyLogin":"u","proxyPassword":"p"}'
        $result = $json | ConvertFrom-Json | Invoke-CapMonsterTask
        $result.Type | Should -Be 'DataDome'
        $result.Cookies.datadome | Should -Not -BeNullOrEmpty -Because 'DataDome keeps its cookies under domains'
        "$($result.Cookies)" | Should -Match '^datadome=\S+$'
        $sent = (Get-EmulatorLog -Key $key -Method createTask -TaskId $result.TaskId).body.task
        $sent.metadata.datadomeCookie | Should -Be 'datadome=1'
        $sent.proxyPassword | Should -Be '***'
    }

    It 'writes results that serialize well: seconds as numbers, enums as names, answers as JSON text' -Tag Slow {
        $result = @{ Type = 'ComplexImageRecaptcha'; ImageUrls = 'https://example.com/tile.png'; Grid = '3x3'; Task = 'Click on cars' } | Invoke-CapMonsterTask
        $json = $result | ConvertTo-Json -Depth 5 | ConvertFrom-Json
        $json.ElapsedSec | Should -BeOfType [double]
        $json.CaptchaTask.Kind | Should -Be 'Image'
        $json.CaptchaTask.FirstPollSec | Should -Be 0.35
        @($json.Answer).Count | Should -Be 9 -Because 'an array answer stays an array in JSON'
        $csv = $result | ConvertTo-Csv | ConvertFrom-Csv
        $csv.Answer | Should -Match '^\[(true|false)(,(true|false)){8}\]$'
        $csv.Solution | Should -Match '^\{"answer":\['
    }
}

Describe 'Getting results' {
    BeforeAll {
        $key = New-EmulatorKey
        $env:CAPMONSTER_API_KEY = $key
    }

    It 'Get-CapMonsterTaskResult polls once: processing, then ready' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 1500 }
        $task = New-CapMonsterTask -Type ImageToText -Image $png
        $first = $task | Get-CapMonsterTaskResult
        $first.Status | Should -Be 'processing'
        $first.Solution | Should -BeNullOrEmpty
        Start-Sleep -Milliseconds 1700
        $second = Get-CapMonsterTaskResult -TaskId $task.TaskId -Type ImageToText
        $second.Status | Should -Be 'ready'
        $second.Text | Should -Not -BeNullOrEmpty
        $second.Text | Should -Be $second.Answer
        (Get-Polls $key $task.TaskId).Count | Should -Be 2
    }

    It 'polls first after the type''s earliest solve time, then every 2 s' -Tag Slow {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 4500 }
        $task = New-CapMonsterTask -Type ImageToText -Image $png
        $result = $task | Wait-CapMonsterTask
        $result.Status | Should -Be 'ready'
        $created = [datetimeoffset] (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).time
        $times = Get-Seconds (Get-Polls $key $task.TaskId)
        $times.Count | Should -Be 4                               # 0.35, 2.35, 4.35 (not yet), 6.35 s
        ($times[0] - $created).TotalSeconds | Should -BeGreaterOrEqual 0.3
        ($times[0] - $created).TotalSeconds | Should -BeLessThan 1.0
        foreach ($i in 1..3) { ($times[$i] - $times[$i - 1]).TotalSeconds | Should -BeGreaterOrEqual 1.9 }
        $result.Polls | Should -Be 4
    }

    It 'keeps polling through HTTP 503' {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 0 }
        Add-EmulatorScenario -Key $key -Method getTaskResult -Kind http -Count 2 -With @{ httpStatus = 503; body = 'Service busy' }
        $result = New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k | Wait-CapMonsterTask -PollIntervalSec 0.2
        $result.Status | Should -Be 'ready'
        @(Get-Polls $key $result.TaskId).httpStatus | Should -Be 503, 503, 200
    }

    It 'slows a task down on ERROR_TOO_MUCH_REQUESTS instead of failing it' -Tag Slow {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 0 }
        Add-EmulatorScenario -Key $key -Method getTaskResult -Kind error -With @{ errorCode = 'ERROR_TOO_MUCH_REQUESTS'; httpStatus = 429 }
        $result = New-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k | Wait-CapMonsterTask -PollIntervalSec 0.5
        $result.Status | Should -Be 'ready'
        $polls = Get-Polls $key $result.TaskId
        $polls.errorCode[0] | Should -Be 'ERROR_TOO_MUCH_REQUESTS'
        $times = Get-Seconds $polls
        ($times[1] - $times[0]).TotalSeconds | Should -BeGreaterOrEqual 1.9   # slowed from 0.5 s to 2 s
    }

    It 'never makes more than 120 result requests for a task' -Tag Slow {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 600000 }
        $task = New-CapMonsterTask -Type ImageToText -Image $png
        $task | Wait-CapMonsterTask -PollIntervalSec 0.2 -WaitTimeoutSec 300 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'PollLimitReached,CapMonster.Commands.WaitCapMonsterTaskCommand'
        $err[0].TargetObject.TaskId | Should -Be $task.TaskId
        (Get-Polls $key $task.TaskId).Count | Should -Be 120
    }

    It 'ends a wait with TaskTimeout, saying the result can still be fetched' -Tag Slow {
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 600000 }
        $task = New-CapMonsterTask -Type ImageToText -Image $png
        $task | Wait-CapMonsterTask -WaitTimeoutSec 2 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'TaskTimeout,CapMonster.Commands.WaitCapMonsterTaskCommand'
        $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err[0].ErrorDetails.Message | Should -Match "$($task.TaskId)"
        $err[0].ErrorDetails.Message | Should -Match '5 minutes'
        $err[0].Exception | Should -BeOfType ([CapMonster.CapMonsterTaskException])
    }

    It 'applies Get-CapMonsterTaskResult -TimeoutSec to the task''s own connection' {
        $other = New-EmulatorKey
        # Created with no retries, so the one slow answer is the whole story.
        $task = New-CapMonsterTask -Type ImageToText -Image $png -ApiKey (ConvertTo-TestSecureString $other) -MaximumRetryCount 0
        Add-EmulatorScenario -Key $other -Method getTaskResult -Kind slow -With @{ delayMs = 2500 }
        $task | Get-CapMonsterTaskResult -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable err | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'RequestTimeout,CapMonster.Commands.GetCapMonsterTaskResultCommand'
    }

    It 'uses the key the task was created with' -Tag Slow {
        $other = New-EmulatorKey
        $task = New-CapMonsterTask -Type ImageToText -Image $png -ApiKey (ConvertTo-TestSecureString $other)
        ($task | Wait-CapMonsterTask).Status | Should -Be 'ready'
        (Get-Polls $other $task.TaskId).Count | Should -BeGreaterThan 0
    }

    It 'hands a result on to Send-CapMonsterReport, which picks the report method from the type' -Tag Slow {
        $result = Invoke-CapMonsterTask -Type ImageToText -Image $png
        $report = $result | Send-CapMonsterReport
        $report.Kind | Should -Be 'Image'
        (Get-EmulatorLog -Key $key -Method reportIncorrectImageCaptcha).taskId | Should -Contain $result.TaskId
    }
}

Describe 'Many tasks at once' -Tag Slow {
    BeforeAll {
        $key = New-EmulatorKey -Balance 1000
        $env:CAPMONSTER_API_KEY = $key
        $saved = Set-CapMonsterEmulatorLatency $emulator 300 1000
    }
    AfterAll {
        $null = Set-CapMonsterEmulatorLatency $emulator $saved.Min $saved.Max
    }

    It 'waits on 200 tasks of 1-3 s through one pipeline in about the slowest one''s time, not the sum' {
        $null = Set-CapMonsterEmulatorLatency $emulator 1000 3000
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $results = 1..200 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://site$_.example.com/"; WebsiteKey = "key$_" } } |
            New-CapMonsterTask -Type Turnstile | Wait-CapMonsterTask
        $watch.Stop()
        $results.Count | Should -Be 200
        @($results.TaskId | Sort-Object -Unique).Count | Should -Be 200
        $results | ForEach-Object { $_.Status | Should -Be 'ready'; $_.Token | Should -Not -BeNullOrEmpty }
        # The sum would be about 400 s; the slowest task is ready after 3 s and polled at 1, 3 and 5 s.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        # Token tasks are polled at 1 s, then every 2 s: a task ready before 3 s needs at most 2 requests, so 3 at most.
        $polls = Get-EmulatorLog -Key $key -Method getTaskResult | Group-Object taskId
        $polls.Count | Should -Be 200
        ($polls | Measure-Object Count -Maximum).Maximum | Should -BeLessOrEqual 3
    }

    It 'accounts for every task of a batch with an unsolvable one and a timeout among successes' {
        $null = Set-CapMonsterEmulatorLatency $emulator 300 800
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 300 }       # 1: fine
        Add-EmulatorScenario -Key $key -Method createTask -Kind unsolvable                               # 2
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 600000 }    # 3: never
        $inputs = 1..6 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://batch$_.example.com/"; WebsiteKey = "k$_" } }
        $results = $inputs | Invoke-CapMonsterTask -Type RecaptchaV2 -WaitTimeoutSec 4 -ThrottleLimit 1 -ErrorAction SilentlyContinue -ErrorVariable failures
        @($results).Count | Should -Be 4
        $failures.Count | Should -Be 2
        ($failures.FullyQualifiedErrorId | Sort-Object) | Should -Be 'ERROR_CAPTCHA_UNSOLVABLE,CapMonster.Commands.InvokeCapMonsterTaskCommand', 'TaskTimeout,CapMonster.Commands.InvokeCapMonsterTaskCommand'
        foreach ($failure in $failures) { $failure.TargetObject | Should -BeOfType ([CapMonster.CaptchaTask]) }
        @($results.TaskId) + @($failures.TargetObject.TaskId) | Sort-Object -Unique | Should -HaveCount 6
    }

    It 'Invoke-CapMonsterTask solves a CSV file''s rows concurrently, within -ThrottleLimit' {
        $csv = Join-Path $TestDrive 'sites.csv'
        1..20 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://csv$_.example.com/"; WebsiteKey = "6Lc$_" } } | Export-Csv $csv
        $results = Import-Csv $csv | Invoke-CapMonsterTask -Type RecaptchaV2 -ThrottleLimit 5
        $results.Count | Should -Be 20
        ($results.GRecaptchaResponse | Where-Object { $_ }).Count | Should -Be 20
    }

    It 'accounts for every task of the benchmark''s batch in small: 48 tasks over 8 runspaces, each result its own task''s' {
        $module = Get-TestModulePath
        $results = 0..7 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:module
            $part = $_
            1..6 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://runspace$part-site$_.example.com/"; WebsiteKey = "key-$part-$_" } } |
                Invoke-CapMonsterTask -Type RecaptchaV2 |
                ForEach-Object { [pscustomobject]@{ TaskId = $_.TaskId; Token = $_.GRecaptchaResponse } }
        }
        $results.Count | Should -Be 48
        @($results.TaskId | Sort-Object -Unique).Count | Should -Be 48
        foreach ($result in $results) {
            (Invoke-RestMethod "$emulator/emulator/tasks/$($result.TaskId)").solution.gRecaptchaResponse | Should -Be $result.Token
        }
    }

    It 'creates nothing under -WhatIf' {
        $count = @(Get-EmulatorLog -Key $key -Method createTask).Count
        Invoke-CapMonsterTask -Type RecaptchaV2 -WebsiteUrl https://example.com/ -WebsiteKey k -WhatIf | Should -BeNullOrEmpty
        @(Get-EmulatorLog -Key $key -Method createTask).Count | Should -Be $count
    }

    It 'stops the whole call on an account error such as a zero balance' {
        $broke = New-EmulatorKey -Balance 0
        { 1..3 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://z$_.example.com/"; WebsiteKey = 'k' } } |
            Invoke-CapMonsterTask -Type RecaptchaV2 -ApiKey (ConvertTo-TestSecureString $broke) } |
            Should -Throw -ErrorId 'ERROR_ZERO_BALANCE,CapMonster.Commands.InvokeCapMonsterTaskCommand'
    }

    It 'shows progress while it waits' {
        # Progress cannot be redirected; a PowerShell instance of its own collects it.
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module)
                Import-Module $module
                1..5 | ForEach-Object { [pscustomobject]@{ WebsiteUrl = "https://p$_.example.com/"; WebsiteKey = 'k' } } |
                    Invoke-CapMonsterTask -Type RecaptchaV2
            }).AddArgument((Get-TestModulePath))
        $results = $ps.Invoke()
        $records = @($ps.Streams.Progress)
        $ps.Dispose()
        $results.Count | Should -Be 5
        $records | Should -Not -BeNullOrEmpty
        $records[-1].RecordType | Should -Be 'Completed'
        $records[-1].StatusDescription | Should -Match '5'
    }
}

Describe 'Ctrl+C' {
    It 'stops a wait at once' -Tag Slow {
        $key = New-EmulatorKey
        Add-EmulatorScenario -Key $key -Method createTask -Kind latency -With @{ latencyMs = 600000 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($module, $uri, $key)
                Import-Module $module
                New-CapMonsterTask -Type ImageToText -Image ([byte[]] (1..250)) -ServiceUri $uri -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) |
                    Wait-CapMonsterTask -WaitTimeoutSec 300
            }).AddArgument((Get-TestModulePath)).AddArgument($emulator).AddArgument($key)
        $handle = $ps.BeginInvoke()
        Start-Sleep -Seconds 2
        # Count, not the items: enumerating a running PowerShell's stream blocks until the pipeline ends.
        $ps.Streams.Error.Count | Should -Be 0
        $handle.IsCompleted | Should -BeFalse
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
    }
}
