# Every task type and variant through New-CapMonsterTask and Wait-CapMonsterTask, against the emulator: the JSON
# sent, field for field, as the API reference describes it (written out here, independently of the module's
# table), and the solution's shape reaching .Solution and .Answer. Each case gives every field the documentation
# or any official client (JS, Python, .NET request classes) sends for that type: the union must go out as given,
# nocache included on every type.
BeforeDiscovery {
    $png150 = [Convert]::ToBase64String([byte[]] (1..150))   # short enough that the emulator logs it whole
    $proxy = @{ ProxyType = 'http'; ProxyAddress = '203.0.113.10'; ProxyPort = 8080; ProxyLogin = 'user'; ProxyPassword = 'secret' }
    $proxyJson = @{ proxyType = 'http'; proxyAddress = '203.0.113.10'; proxyPort = 8080; proxyLogin = 'user'; proxyPassword = '***' }
    $site = 'https://example.com/login'
    $ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/142.0.0.0'

    # Name, the parameters given, the task object expected in createTask, the solution fields expected back.
    $script:cases = @(
        @{ Name = 'ImageToText'; Params = @{ Body = $png150; CapMonsterModule = 'universal'; RecognizingThreshold = 0; Case = $true; Numeric = 1; Math = $false; NoCache = $true }
            Expected = @{ type = 'ImageToTextTask'; body = $png150; capMonsterModule = 'universal'; recognizingThreshold = 0; case = $true; numeric = 1; math = $false; nocache = $true }
            Solution = 'text'; Answer = 'text' }
        @{ Name = 'RecaptchaV2'; Params = @{ WebsiteUrl = $site; WebsiteKey = '6Lc-v2'; RecaptchaDataSValue = 'ds'; UserAgent = $ua; Cookies = @{ a = '1' }; IsInvisible = $true; NoCache = $false } + $proxy
            Expected = @{ type = 'RecaptchaV2Task'; websiteURL = $site; websiteKey = '6Lc-v2'; recaptchaDataSValue = 'ds'; userAgent = $ua; cookies = 'a=1'; isInvisible = $true; nocache = $false } + $proxyJson
            Solution = 'gRecaptchaResponse'; Answer = 'gRecaptchaResponse' }
        @{ Name = 'RecaptchaV2Enterprise'; Params = @{ WebsiteUrl = $site; WebsiteKey = '6Lc-v2e'; PageAction = 'login'; EnterprisePayload = @{ s = 'payload' }; ApiDomain = 'www.recaptcha.net'; RecaptchaDataSValue = 'ds'; UserAgent = $ua; Cookies = 'a=1'; NoCache = $true } + $proxy
            Expected = @{ type = 'RecaptchaV2EnterpriseTask'; websiteURL = $site; websiteKey = '6Lc-v2e'; pageAction = 'login'; enterprisePayload = @{ s = 'payload' }; apiDomain = 'www.recaptcha.net'; recaptchaDataSValue = 'ds'; userAgent = $ua; cookies = 'a=1'; nocache = $true } + $proxyJson
            Solution = 'gRecaptchaResponse'; Answer = 'gRecaptchaResponse' }
        @{ Name = 'RecaptchaV3'; Params = @{ WebsiteUrl = $site; WebsiteKey = '6Lc-v3'; MinScore = 0.7; PageAction = 'verify'; IsEnterprise = $true; NoCache = $true }
            Expected = @{ type = 'RecaptchaV3TaskProxyless'; websiteURL = $site; websiteKey = '6Lc-v3'; minScore = 0.7; pageAction = 'verify'; isEnterprise = $true; nocache = $true }
            Solution = 'gRecaptchaResponse'; Answer = 'gRecaptchaResponse' }
        @{ Name = 'RecaptchaV3Enterprise'; Params = @{ WebsiteUrl = $site; WebsiteKey = '6Lc-v3e'; MinScore = 0.3; PageAction = 'login'; UserAgent = $ua; NoCache = $true }
            Expected = @{ type = 'RecaptchaV3EnterpriseTask'; websiteURL = $site; websiteKey = '6Lc-v3e'; minScore = 0.3; pageAction = 'login'; userAgent = $ua; nocache = $true }
            Solution = 'gRecaptchaResponse'; Answer = 'gRecaptchaResponse' }
        @{ Name = 'HCaptcha'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'hc-key'; IsInvisible = $true; Data = 'rqdata'; FallbackToActualUA = $true; UserAgent = $ua; Cookies = @{ b = '2' }; NoCache = $true } + $proxy
            Expected = @{ type = 'HCaptchaTask'; websiteURL = $site; websiteKey = 'hc-key'; isInvisible = $true; data = 'rqdata'; fallbackToActualUA = $true; userAgent = $ua; cookies = 'b=2'; nocache = $true } + $proxyJson
            Solution = 'gRecaptchaResponse'; Answer = 'gRecaptchaResponse' }
        @{ Name = 'FunCaptcha'; Params = @{ WebsiteUrl = $site; WebsitePublicKey = 'pk-1'; Data = '{"blob":"b"}'; FuncaptchaApiJSSubdomain = 'client-api.arkoselabs.com'; UserAgent = $ua; Cookies = 'c=3'; NoCache = $true } + $proxy
            Expected = @{ type = 'FunCaptchaTask'; websiteURL = $site; websitePublicKey = 'pk-1'; data = '{"blob":"b"}'; funcaptchaApiJSSubdomain = 'client-api.arkoselabs.com'; userAgent = $ua; cookies = 'c=3'; nocache = $true } + $proxyJson
            Solution = 'token'; Answer = 'token' }
        @{ Name = 'GeeTest'; Variant = 'v3'; Params = @{ WebsiteUrl = $site; Gt = 'gt-3'; Challenge = 'fresh-challenge'; Version = 3; InitParameters = @{ lang = 'en' }; GeetestApiServerSubdomain = 'api-na.geetest.com'; GeetestGetLib = '{"path":"/static/js/geetest.js"}'; UserAgent = $ua; NoCache = $true } + $proxy
            Expected = @{ type = 'GeeTestTask'; websiteURL = $site; gt = 'gt-3'; challenge = 'fresh-challenge'; version = 3; initParameters = @{ lang = 'en' }; geetestApiServerSubdomain = 'api-na.geetest.com'; geetestGetLib = '{"path":"/static/js/geetest.js"}'; userAgent = $ua; nocache = $true } + $proxyJson
            Solution = 'challenge', 'validate', 'seccode' }
        @{ Name = 'GeeTest'; Variant = 'v4'; Params = @{ WebsiteUrl = $site; Gt = 'captcha-id'; Version = 4; InitParameters = @{ riskType = 'slide' }; Challenge = 'ch4'; GeetestApiServerSubdomain = 'gcaptcha4.example.com'; GeetestGetLib = '{}'; UserAgent = $ua; NoCache = $true }
            Expected = @{ type = 'GeeTestTask'; websiteURL = $site; gt = 'captcha-id'; version = 4; initParameters = @{ riskType = 'slide' }; challenge = 'ch4'; geetestApiServerSubdomain = 'gcaptcha4.example.com'; geetestGetLib = '{}'; userAgent = $ua; nocache = $true }
            Solution = 'captcha_id', 'lot_number', 'pass_token', 'gen_time', 'captcha_output' }
        @{ Name = 'Turnstile'; Variant = 'widget'; Params = @{ WebsiteUrl = $site; WebsiteKey = '0x4AAA'; PageAction = 'login'; Data = 'cdata'; UserAgent = $ua; ApiJsUrl = 'https://challenges.cloudflare.com/turnstile/v0/api.js'; NoCache = $true } + $proxy
            Expected = @{ type = 'TurnstileTask'; websiteURL = $site; websiteKey = '0x4AAA'; pageAction = 'login'; data = 'cdata'; userAgent = $ua; apiJsUrl = 'https://challenges.cloudflare.com/turnstile/v0/api.js'; nocache = $true } + $proxyJson
            Solution = 'token'; Answer = 'token' }
        @{ Name = 'Turnstile'; Variant = 'token'; Params = @{ WebsiteUrl = $site; WebsiteKey = '0x4AAA'; CloudflareTaskType = 'token'; PageAction = 'managed'; UserAgent = $ua; Data = 'cdata'; PageData = 'chl'; ApiJsUrl = 'https://challenges.cloudflare.com/turnstile/v0/api.js'; NoCache = $true }
            Expected = @{ type = 'TurnstileTask'; websiteURL = $site; websiteKey = '0x4AAA'; cloudflareTaskType = 'token'; pageAction = 'managed'; userAgent = $ua; data = 'cdata'; pageData = 'chl'; apiJsUrl = 'https://challenges.cloudflare.com/turnstile/v0/api.js'; nocache = $true }
            Solution = 'token', 'userAgent'; Answer = 'token' }
        @{ Name = 'Turnstile'; Variant = 'cf_clearance'; Params = @{ WebsiteUrl = $site; WebsiteKey = ''; CloudflareTaskType = 'cf_clearance'; HtmlPageBase64 = 'PGh0bWw+'; UserAgent = $ua; Data = 'cdata'; PageData = 'chl'; ApiJsUrl = 'https://example.com/api.js'; NoCache = $true } + $proxy
            Expected = @{ type = 'TurnstileTask'; websiteURL = $site; websiteKey = ''; cloudflareTaskType = 'cf_clearance'; htmlPageBase64 = 'PGh0bWw+'; userAgent = $ua; data = 'cdata'; pageData = 'chl'; apiJsUrl = 'https://example.com/api.js'; nocache = $true } + $proxyJson
            Solution = 'cf_clearance'; Answer = 'cf_clearance' }
        @{ Name = 'Turnstile'; Variant = 'wait_room'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'x'; CloudflareTaskType = 'wait_room'; HtmlPageBase64 = 'PGh0bWw+'; UserAgent = $ua; NoCache = $true } + $proxy
            Expected = @{ type = 'TurnstileTask'; websiteURL = $site; websiteKey = 'x'; cloudflareTaskType = 'wait_room'; htmlPageBase64 = 'PGh0bWw+'; userAgent = $ua; nocache = $true } + $proxyJson
            Solution = 'cf_clearance'; Answer = 'cf_clearance' }
        @{ Name = 'ComplexImageRecaptcha'; Params = @{ ImageUrls = 'https://example.com/tile.png'; Grid = '3x3'; TaskDefinition = '/m/015qff'; UserAgent = $ua; WebsiteUrl = $site; Metadata = @{ Task = 'Click on traffic lights' }; NoCache = $true }
            Expected = @{ type = 'ComplexImageTask'; class = 'recaptcha'; imageUrls = @('https://example.com/tile.png'); userAgent = $ua; websiteURL = $site; nocache = $true; metadata = @{ Grid = '3x3'; TaskDefinition = '/m/015qff'; Task = 'Click on traffic lights' } }
            Solution = 'answer'; Answer = 'answer' }
        # The reference lists the hcaptcha and funcaptcha classes as removed; the emulator refuses them as the service
        # is expected to, so for these two the test holds the JSON sent and the service's ERROR_TASK_NOT_SUPPORTED.
        @{ Name = 'ComplexImageHCaptcha'; Removed = $true; Params = @{ ImagesBase64 = $png150, $png150; Metadata = @{ Task = 'Please click each image containing a bicycle' }; ExampleImageUrls = 'https://example.com/example.png'; ExampleImagesBase64 = $png150; Grid = '3x3'; UserAgent = $ua; WebsiteUrl = $site; NoCache = $true }
            Expected = @{ type = 'ComplexImageTask'; class = 'hcaptcha'; imagesBase64 = @($png150, $png150); exampleImageUrls = @('https://example.com/example.png'); exampleImagesBase64 = @($png150); userAgent = $ua; websiteURL = $site; nocache = $true; metadata = @{ Task = 'Please click each image containing a bicycle'; Grid = '3x3' } }
            Solution = 'answer'; Answer = 'answer' }
        @{ Name = 'ComplexImageFunCaptcha'; Removed = $true; Params = @{ ImageUrls = 'https://example.com/fc.png'; Metadata = @{ Task = 'Pick the image that is the correct way up' }; UserAgent = $ua; WebsiteUrl = $site; NoCache = $true }
            Expected = @{ type = 'ComplexImageTask'; class = 'funcaptcha'; imageUrls = @('https://example.com/fc.png'); userAgent = $ua; websiteURL = $site; nocache = $true; metadata = @{ Task = 'Pick the image that is the correct way up' } }
            Solution = 'answer'; Answer = 'answer' }
        @{ Name = 'ComplexImageRecognition'; Params = @{ ImagesBase64 = $png150, $png150; Metadata = @{ Task = 'oocl_rotate_new' }; TaskArgument = '7'; PayloadType = 'Image'; UserAgent = $ua; WebsiteUrl = $site; NoCache = $true }
            Expected = @{ type = 'ComplexImageTask'; class = 'recognition'; imagesBase64 = @($png150, $png150); userAgent = $ua; websiteURL = $site; nocache = $true; metadata = @{ Task = 'oocl_rotate_new'; TaskArgument = '7'; PayloadType = 'Image' } }
            Solution = 'answer', 'metadata'; Answer = 'answer' }
        @{ Name = 'Amazon'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'AQIDAHj'; ChallengeScript = 'https://example.com/challenge.js'; CaptchaScript = 'https://example.com/jsapi.js'; Context = 'ctx'; InitializationVector = 'CgAHbCe'; CookieSolution = $true; UserAgent = $ua; NoCache = $true } + $proxy
            Expected = @{ type = 'AmazonTask'; websiteURL = $site; websiteKey = 'AQIDAHj'; challengeScript = 'https://example.com/challenge.js'; captchaScript = 'https://example.com/jsapi.js'; context = 'ctx'; iv = 'CgAHbCe'; cookieSolution = $true; userAgent = $ua; nocache = $true } + $proxyJson
            Solution = 'cookies', 'userAgent' }
        @{ Name = 'Binance'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'login'; ValidateId = 'vid'; UserAgent = $ua; NoCache = $true } + $proxy
            Expected = @{ type = 'BinanceTask'; websiteURL = $site; websiteKey = 'login'; validateId = 'vid'; userAgent = $ua; nocache = $true } + $proxyJson
            Solution = 'token', 'userAgent'; Answer = 'token' }
        @{ Name = 'Prosopo'; Params = @{ WebsiteUrl = $site; WebsiteKey = '5Ea'; NoCache = $true } + $proxy
            Expected = @{ type = 'ProsopoTask'; websiteURL = $site; websiteKey = '5Ea'; nocache = $true } + $proxyJson
            Solution = 'token'; Answer = 'token' }
        @{ Name = 'MTCaptcha'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'MTPublic-x'; PageAction = 'login'; IsInvisible = $true; UserAgent = $ua; NoCache = $true }
            Expected = @{ type = 'MTCaptchaTask'; websiteURL = $site; websiteKey = 'MTPublic-x'; pageAction = 'login'; isInvisible = $true; userAgent = $ua; nocache = $true }
            Solution = 'token'; Answer = 'token' }
        @{ Name = 'Yidun'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'yd'; YidunGetLib = 'https://example.com/load.min.js'; YidunApiServerSubdomain = 'c-v7.example.com'; Challenge = 'ch'; Hcg = 'hcg'; Hct = 1700000000000; UserAgent = $ua; NoCache = $true }
            Expected = @{ type = 'YidunTask'; websiteURL = $site; websiteKey = 'yd'; yidunGetLib = 'https://example.com/load.min.js'; yidunApiServerSubdomain = 'c-v7.example.com'; challenge = 'ch'; hcg = 'hcg'; hct = 1700000000000; userAgent = $ua; nocache = $true }
            Solution = 'token'; Answer = 'token' }
        @{ Name = 'DataDome'; Params = @{ WebsiteUrl = $site; CaptchaUrl = 'https://geo.captcha-delivery.com/captcha/?x=1'; DatadomeCookie = 'datadome=abc'; DatadomeVersion = 'new'; UserAgent = $ua; Domains = 'example.com'; NoCache = $true } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'DataDome'; websiteURL = $site; userAgent = $ua; domains = @('example.com'); nocache = $true; metadata = @{ captchaUrl = 'https://geo.captcha-delivery.com/captcha/?x=1'; datadomeCookie = 'datadome=abc'; datadomeVersion = 'new' } } + $proxyJson
            Solution = 'domains'; Answer = 'domains' }
        @{ Name = 'TenDI'; Params = @{ WebsiteUrl = $site; WebsiteKey = '189956587'; CaptchaUrl = 'https://example.com/TCaptcha.js'; UserAgent = $ua; Domains = 'example.com'; NoCache = $true } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'TenDI'; websiteURL = $site; websiteKey = '189956587'; userAgent = $ua; domains = @('example.com'); nocache = $true; metadata = @{ captchaUrl = 'https://example.com/TCaptcha.js' } } + $proxyJson
            Solution = 'data', 'headers'; Answer = 'data' }
        @{ Name = 'Basilisk'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'bk'; UserAgent = $ua; Domains = 'a.example.com', 'b.example.com'; NoCache = $true }
            Expected = @{ type = 'CustomTask'; class = 'Basilisk'; websiteURL = $site; websiteKey = 'bk'; userAgent = $ua; domains = @('a.example.com', 'b.example.com'); nocache = $true }
            Solution = 'data'; Answer = 'data' }
        @{ Name = 'Imperva'; Params = @{ WebsiteUrl = $site; IncapsulaScriptUrl = 'https://example.com/_Incapsula_Resource'; IncapsulaCookies = 'incap_ses=1'; Reese84UrlEndpoint = 'reese84'; UserAgent = $ua; Domains = 'example.com'; NoCache = $true } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'Imperva'; websiteURL = $site; userAgent = $ua; domains = @('example.com'); nocache = $true; metadata = @{ incapsulaScriptUrl = 'https://example.com/_Incapsula_Resource'; incapsulaCookies = 'incap_ses=1'; reese84UrlEndpoint = 'reese84' } } + $proxyJson
            Solution = 'domains'; Answer = 'domains' }
        # The names the .NET and JS clients still send (incapsulaScriptBase64, incapsulaSessionCookie) satisfy the type too.
        @{ Name = 'Imperva'; Variant = 'client names'; Params = @{ WebsiteUrl = $site; Metadata = @{ incapsulaScriptBase64 = 'KGZ1bmN0aW9uKCl7fSk='; incapsulaSessionCookie = 'incap_ses=1' } } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'Imperva'; websiteURL = $site; metadata = @{ incapsulaScriptBase64 = 'KGZ1bmN0aW9uKCl7fSk='; incapsulaSessionCookie = 'incap_ses=1' } } + $proxyJson
            Solution = 'domains'; Answer = 'domains' }
        @{ Name = 'Temu'; Params = @{ WebsiteUrl = $site; Cookie = 'api_uid=1'; UserAgent = $ua; Domains = 'temu.com'; NoCache = $true } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'Temu'; websiteURL = $site; userAgent = $ua; domains = @('temu.com'); nocache = $true; metadata = @{ cookie = 'api_uid=1' } } + $proxyJson
            Solution = 'domains'; Answer = 'domains' }
        @{ Name = 'Castle'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'pk_castle'; WUrl = 'https://example.com/cw.js'; SwUrl = 'https://example.com/csw.js'; Count = 5; UserAgent = $ua; Domains = 'example.com'; NoCache = $true }
            Expected = @{ type = 'CustomTask'; class = 'Castle'; websiteURL = $site; websiteKey = 'pk_castle'; userAgent = $ua; domains = @('example.com'); nocache = $true; metadata = @{ wUrl = 'https://example.com/cw.js'; swUrl = 'https://example.com/csw.js'; count = 5 } }
            Solution = 'data', 'domains'; Answer = 'data' }
        @{ Name = 'Tspd'; Params = @{ WebsiteUrl = $site; TspdCookie = 'TS01=1'; HtmlPageBase64 = 'PGh0bWw+'; UserAgent = $ua; Domains = 'example.com'; NoCache = $true } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'tspd'; websiteURL = $site; userAgent = $ua; domains = @('example.com'); nocache = $true; metadata = @{ tspdCookie = 'TS01=1'; htmlPageBase64 = 'PGh0bWw+' } } + $proxyJson
            Solution = 'Domains'; Answer = 'Domains' }
        @{ Name = 'Hunt'; Params = @{ WebsiteUrl = $site; ApiGetLib = 'https://example.com/api.js'; Data = 'meta-token'; UserAgent = $ua; Domains = 'example.com'; NoCache = $true } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'HUNT'; websiteURL = $site; userAgent = $ua; domains = @('example.com'); nocache = $true; metadata = @{ apiGetLib = 'https://example.com/api.js'; data = 'meta-token' } } + $proxyJson
            Solution = 'data'; Answer = 'data' }
        @{ Name = 'Altcha'; Params = @{ WebsiteUrl = $site; WebsiteKey = ''; Challenge = 'c0ffee'; Iterations = '5000'; Salt = 'salt?edk=1'; Signature = 'sig'; UserAgent = $ua; Domains = 'example.com'; NoCache = $true } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'altcha'; websiteURL = $site; websiteKey = ''; userAgent = $ua; domains = @('example.com'); nocache = $true; metadata = @{ challenge = 'c0ffee'; iterations = '5000'; salt = 'salt?edk=1'; signature = 'sig' } } + $proxyJson
            Solution = 'data'; Answer = 'data' }
        @{ Name = 'Alibaba'; Params = @{ WebsiteUrl = $site; SceneId = 'scene'; Prefix = 'prefix'; ApiGetLib = 'https://example.com/AliyunCaptcha.js'; UserAgent = $ua; Domains = 'example.com'; NoCache = $true
                Metadata = @{ userId = 'u1'; userUserId = 'uu1'; verifyType = '1.0'; region = 'sgp'; UserCertifyId = 'cert' } } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'alibaba'; websiteURL = $site; userAgent = $ua; domains = @('example.com'); nocache = $true
                metadata = @{ sceneId = 'scene'; prefix = 'prefix'; apiGetLib = 'https://example.com/AliyunCaptcha.js'; userId = 'u1'; userUserId = 'uu1'; verifyType = '1.0'; region = 'sgp'; UserCertifyId = 'cert' } } + $proxyJson
            Solution = 'data'; Answer = 'data' }
        @{ Name = 'Friendly'; Params = @{ WebsiteUrl = $site; WebsiteKey = 'FCMG'; ApiGetLib = 'https://example.com/widget.module.min.js'; UserAgent = $ua; Domains = 'example.com'; NoCache = $true } + $proxy
            Expected = @{ type = 'CustomTask'; class = 'friendly'; websiteURL = $site; websiteKey = 'FCMG'; userAgent = $ua; domains = @('example.com'); nocache = $true; metadata = @{ apiGetLib = 'https://example.com/widget.module.min.js' } } + $proxyJson
            Solution = 'data'; Answer = 'data' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $key = New-EmulatorKey
    $env:CAPMONSTER_SERVICE_URI = Get-TestEmulatorUri
    $env:CAPMONSTER_API_KEY = $key

    # Create every case (keeping what each sent, from the emulator's log), then wait on all of them at once.
    $created = @{}
    $sent = @{}
    $refused = @{}
    foreach ($case in $cases) {
        $params = $case.Params
        $name = "$($case.Name)/$($case.Variant)"
        $created[$name] = New-CapMonsterTask -Type $case.Name @params -ErrorAction SilentlyContinue -ErrorVariable failure -WarningAction SilentlyContinue
        $refused[$name] = $failure
        $sent[$name] = (Get-EmulatorLog -Key $key -Method createTask)[-1].body.task
    }
    $results = @{}
    $created.Values | Where-Object { $_ } | Wait-CapMonsterTask | ForEach-Object { $results[$_.TaskId] = $_ }
}

AfterAll {
    Remove-Item Env:CAPMONSTER_SERVICE_URI, Env:CAPMONSTER_API_KEY -ErrorAction Ignore
}

Describe 'Removed task class <Name>' -ForEach ($cases | Where-Object Removed) {
    It 'sends the task object of the reference, field for field' {
        ConvertTo-CanonicalJson $sent["$Name/$Variant"] | Should -Be (ConvertTo-CanonicalJson $Expected)
    }

    It 'surfaces the service''s refusal' {
        $created["$Name/$Variant"] | Should -BeNullOrEmpty
        $refused["$Name/$Variant"][0].FullyQualifiedErrorId | Should -Be 'ERROR_TASK_NOT_SUPPORTED,CapMonster.Commands.NewCapMonsterTaskCommand'
    }
}

Describe 'Task type <Name> <Variant>' -ForEach ($cases | Where-Object { -not $_.Removed }) {
    BeforeAll { $task = $created["$Name/$Variant"] }

    It 'sends the task object of the reference, field for field' {
        ConvertTo-CanonicalJson $sent["$Name/$Variant"] | Should -Be (ConvertTo-CanonicalJson $Expected)
    }

    It 'creates a CapMonster.CaptchaTask with a 64-bit id' {
        $task | Should -BeOfType ([CapMonster.CaptchaTask])
        $task.TaskId | Should -BeOfType [long]
        $task.TaskId | Should -BeGreaterThan ([int]::MaxValue)
        $task.Type | Should -Be $Name
        $task.ServiceUri | Should -Be "$(Get-TestEmulatorUri)/"
        $task.CreatedAt | Should -BeOfType [datetime]
    }

    It 'brings the solution back under its JSON names, with the main answer' {
        $result = $results[$task.TaskId]
        $result | Should -BeOfType ([CapMonster.CaptchaResult])
        $result.Status | Should -Be 'ready'
        foreach ($field in $Solution) { $result.Solution.PSObject.Properties.Name | Should -Contain $field }
        if ($Answer) { ConvertTo-CanonicalJson $result.Answer | Should -Be (ConvertTo-CanonicalJson $result.Solution.$Answer) }
        else { $result.Answer | Should -Be $result.Solution }
    }
}

Describe 'Type names' {
    It 'accepts the API''s own type names, legacy ones included, and sends the current name' -ForEach @(
        @{ Given = 'NoCaptchaTaskProxyless'; Sent = 'RecaptchaV2Task' }
        @{ Given = 'NoCaptchaTask'; Sent = 'RecaptchaV2Task' }
        @{ Given = 'RecaptchaV2TaskProxyless'; Sent = 'RecaptchaV2Task' }
        @{ Given = 'HCaptchaTaskProxyless'; Sent = 'HCaptchaTask' }
        @{ Given = 'TurnstileTaskProxyless'; Sent = 'TurnstileTask' }
        @{ Given = 'recaptchav2task'; Sent = 'RecaptchaV2Task' }
    ) {
        $task = New-CapMonsterTask -Type $Given -WebsiteUrl https://example.com/ -WebsiteKey k
        (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task.type | Should -Be $Sent
    }

    It 'tab-completes -Type' {
        $line = 'New-CapMonsterTask -Type Recaptcha'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $completions | Should -Be 'RecaptchaV2', 'RecaptchaV2Enterprise', 'RecaptchaV3', 'RecaptchaV3Enterprise'
        $line = 'Invoke-CapMonsterTask -Type '
        $names = @(Get-TaskTypeRow (Get-Module CapMonster) | ForEach-Object Name | Select-Object -Unique)
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be $names
    }

    It 'marks the removed ComplexImage classes deprecated in completion, and warns when one is sent' {
        $line = 'New-CapMonsterTask -Type ComplexImage'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        ($completions | Where-Object CompletionText -EQ 'ComplexImageHCaptcha').ListItemText | Should -Be 'ComplexImageHCaptcha (deprecated)'
        ($completions | Where-Object CompletionText -EQ 'ComplexImageFunCaptcha').ToolTip | Should -Match 'ERROR_TASK_NOT_SUPPORTED'
        ($completions | Where-Object CompletionText -EQ 'ComplexImageRecaptcha').ListItemText | Should -Be 'ComplexImageRecaptcha'
        New-CapMonsterTask -Type ComplexImageFunCaptcha -ImageUrls https://example.com/a.png -Metadata @{ Task = 't' } -WhatIf -WarningVariable warned 3>$null
        $warned | Should -HaveCount 1
        "$warned" | Should -Match 'ComplexImageFunCaptcha.*deprecated'
    }

    It 'sends a raw -Task as is, for types the module does not know yet' {
        $task = New-CapMonsterTask -Task @{ type = 'NoCaptchaTaskProxyless'; websiteURL = 'https://example.com/'; websiteKey = 'k'; somethingNew = 42 }
        $task.Type | Should -Be 'RecaptchaV2'
        $sentTask = (Get-EmulatorLog -Key $key -Method createTask -TaskId $task.TaskId).body.task
        ConvertTo-CanonicalJson $sentTask | Should -Be (ConvertTo-CanonicalJson @{ type = 'NoCaptchaTaskProxyless'; websiteURL = 'https://example.com/'; websiteKey = 'k'; somethingNew = 42 })
        New-CapMonsterTask -Task @{ type = 'FutureTask'; x = 1 } -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'ERROR_TASK_NOT_SUPPORTED,CapMonster.Commands.NewCapMonsterTaskCommand'
        (Get-EmulatorLog -Key $key -Method createTask)[-1].body.task.type | Should -Be 'FutureTask'
    }
}
