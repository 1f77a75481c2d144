using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using static CapMonster.Emulator.JsonUtil;
using static CapMonster.Emulator.Solutions;
using static CapMonster.Emulator.TaskRules;

namespace CapMonster.Emulator;

/// <summary>
/// The task types this emulator accepts (our own reading of reference §3.2-3.7): one row per API type, class or
/// variant, holding its checks, proxy rule, price, report kind, solution and a minimal valid task. A new type is a
/// new row here and nothing else; <c>GET /emulator/tasktypes</c> and <c>--list-task-types</c> list the table, and
/// the tests create every row's example. Solve time is not per type: every task takes the configured latency.
/// </summary>
internal static class TaskTypeTable
{
    private const string Proxy = "\"proxyType\":\"http\",\"proxyAddress\":\"8.8.8.8\",\"proxyPort\":8080,\"proxyLogin\":\"user\",\"proxyPassword\":\"s3cret-pass\"";
    private const string Ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36";

    /// <summary>A 100-byte image, the smallest accepted, for the examples.</summary>
    private static readonly string Image = Convert.ToBase64String([.. Enumerable.Range(0, 100).Select(i => (byte)i)]);

    private static readonly VariantSelector CloudflareTaskType = new(
        "cloudflareTaskType",
        static t => GetString(t, "cloudflareTaskType") is { } v ? v.ToLowerInvariant() : "widget",
        "cloudflareTaskType must be token, cf_clearance or wait_room");

    private static readonly VariantSelector GeeTestVersion = new(
        "version",
        static t => !Has(t, "version") ? "3" : TryGetInt64(t, "version", out long v) && v is 3 or 4 ? v.ToString(CultureInfo.InvariantCulture) : null,
        "GeeTest task.version must be 3 or 4");

    private static readonly VariantSelector AmazonAnswer = new(
        "cookieSolution",
        static t => GetBool(t, "cookieSolution") == true ? "cookies" : "voucher",
        "unreachable: every cookieSolution has a form");

    private static readonly FieldCheck MinScore = IfGiven("minScore", "a number 0.1-0.9", static i =>
        !TryGet(i.Task, "minScore", out JsonElement score)
        || (score.ValueKind == JsonValueKind.Number && score.TryGetDouble(out double d) && d >= 0.1 && d <= 0.9)
            ? null
            : ApiError.Of(ErrorCodes.TaskAbsent, "task.minScore must be a number 0.1-0.9"));

    private static readonly FieldCheck GeeTestSubdomain = IfGiven("geetestApiServerSubdomain", "not api.geetest.com", static i =>
        string.Equals(GetString(i.Task, "geetestApiServerSubdomain"), "api.geetest.com", StringComparison.OrdinalIgnoreCase)
            ? ApiError.Of(ErrorCodes.TaskAbsent, "task.geetestApiServerSubdomain must not be api.geetest.com")
            : null);

    // Options 2 and 3 (challenge.js): websiteKey, context and iv must be there but may be "".
    // Option 1 (jsapi.js): websiteKey and captchaScript must be non-empty.
    private static readonly FieldCheck[] AmazonChecks =
    [
        Url(),
        Rule("websiteKey", ErrorCodes.InvalidSiteKey, "may be \"\" with challengeScript", static i =>
        {
            string? key = GetString(i.Task, "websiteKey");
            return key is null || (!NonEmpty(GetString(i.Task, "challengeScript")) && !NonEmpty(key))
                ? ApiError.Of(ErrorCodes.InvalidSiteKey, "task.websiteKey is missing")
                : null;
        }),
        Rule("captchaScript|challengeScript", ErrorCodes.TaskAbsent, "with challengeScript also context and iv, which may be \"\"", static i =>
            NonEmpty(GetString(i.Task, "challengeScript"))
                ? PresentIn(i.Task, "context") ?? PresentIn(i.Task, "iv")
                : NonEmpty(GetString(i.Task, "captchaScript")) ? null : ApiError.Of(ErrorCodes.TaskAbsent, "task.captchaScript is required")),
    ];

    /// <summary>ComplexImageTask recognition tasks the emulator knows; other names are accepted with a text answer.</summary>
    internal static readonly RecognitionTask[] RecognitionTasks =
    [
        new("oocl_rotate_new", 2, "NumericArray", static (w, n) => Numbers(w, n % 360)),
        new("oocl_rotate_double_new", 3, "NumericArray", static (w, n) => Numbers(w, n % 360, n / 360 % 360)),
        new("betpunch_3x3_rotate", 9, "NumericArray", static (w, n) => Numbers(w, [.. Enumerable.Range(0, 9).Select(i => 1 + ((n + i) % 4))])),
        new("bls_3x3", 9, "Grid", static (w, n) =>
        {
            w.WriteStartArray("answer");
            for (int i = 0; i < 9; i++)
            {
                w.WriteBooleanValue(Tile(n, i));
            }

            w.WriteEndArray();
        })
        {
            Extra = static meta => Has(meta, "TaskArgument") ? null : ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.TaskArgument is required for bls_3x3"),
        },
        new("shein", 1, "Coordinate", static (w, n) =>
        {
            w.WriteStartArray("answer");
            w.WriteStartObject();
            w.WriteNumber("X", n % 300);
            w.WriteNumber("Y", n % 150);
            w.WriteEndObject();
            w.WriteEndArray();
        }),
        new("baidu", 1, "NumericArray", static (w, n) => Numbers(w, n % 360)),
        new("bills_audio", 1, "Text", static (w, n) =>
            Numbers(w, [.. (n % 10_000).ToString("D4", CultureInfo.InvariantCulture).Select(c => (long)(c - '0'))]))
        {
            Extra = static meta => NonEmpty(GetString(meta, "PayloadType"))
                ? null
                : ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.PayloadType (\"Audio\") is required for bills_audio"),
        },
        new("dli", 1, "Text", static (w, n) => w.WriteString("answer", (n % 10).ToString(CultureInfo.InvariantCulture))),
    ];

    /// <summary>Every row. Rows of one API type are together; a type with classes has a class on each row.</summary>
    internal static readonly TaskTypeRow[] Rows =
    [
        new("ImageToTextTask", TaskKind.Image, 0.0003m)
        {
            Checks =
            [
                Rule("body", ErrorCodes.ZeroCaptchaFileSize, "base64, 100-50,000 bytes decoded", ImageBody),
                IfGiven("recognizingThreshold", "or the key suffix __recognizingthreshold_N: above 90, the emulator's confidence, the task fails with ERROR_CAPTCHA_UNSOLVABLE", static i =>
                {
                    int threshold = TryGetInt64(i.Task, "recognizingThreshold", out long field) ? (int)Math.Clamp(field, 0, 100) : ThresholdFromKey(i.ClientKey);
                    i.FailCode = threshold > ImageConfidence ? ErrorCodes.CaptchaUnsolvable : null;
                    return null;
                }),
            ],
            Proxy = ProxyRule.Ignored,
            Solve = static (w, s) => w.WriteString("text", ImageText(
                s.Spec.ImageHash, TryGetInt64(s.Task, "numeric", out long numeric) && numeric == 1, GetBool(s.Task, "math") == true, GetBool(s.Task, "case") == true)),
            SolutionNote = "h = SHA-256 of the image; text = the first 6 hex digits of h, upper case with case:true; numeric:1 gives 6 digits, "
                + "(h[0..3] as a big-endian uint32) mod 1000000; math:true gives h[0] % 10 + h[1] % 10 (precedence math, numeric, case)",
            Example = $$"""{"type":"ImageToTextTask","body":"{{Image}}"}""",
        },
        new("ComplexImageTask", TaskKind.Image, 0.0004m)
        {
            Class = "recaptcha",
            Checks =
            [
                MetadataObject(),
                Rule("imageUrls|imagesBase64", ErrorCodes.TaskAbsent, "http(s) URLs or base64 images of 100-50,000 bytes", static i =>
                {
                    int images = 0;
                    ApiError? error = TryGet(i.Task, "imagesBase64", out JsonElement base64) ? DecodeImages(base64, "task.imagesBase64", out images)
                        : TryGet(i.Task, "imageUrls", out JsonElement urls) ? Urls(urls, out images)
                        : ApiError.Of(ErrorCodes.TaskAbsent, "task.imageUrls or task.imagesBase64 is required");
                    i.Images = images;
                    return error;
                }),
                Rule("metadata.Grid", ErrorCodes.TaskAbsent, "4x4, 3x3 or 1x1", static i =>
                {
                    i.Count = GetString(i.Metadata, "Grid") switch
                    {
                        "4x4" => 16,
                        "3x3" => 9,
                        "1x1" => i.Images,
                        _ => -1,
                    };
                    return i.Count < 0 ? ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.Grid must be 4x4, 3x3 or 1x1") : null;
                }),
                NeedMetaAny("TaskDefinition", "Task"),
                Url(required: false),
            ],
            Proxy = ProxyRule.Ignored,
            Solve = static (w, s) =>
            {
                w.WriteStartArray("answer");
                for (int i = 0; i < s.Spec.Count; i++)
                {
                    w.WriteBooleanValue(Tile(s.Id, i));
                }

                w.WriteEndArray();
            },
            SolutionNote = "16 tiles for 4x4, 9 for 3x3, one per image for 1x1; tile i is (taskId + i) % 3 == 0",
            Example = """{"type":"ComplexImageTask","class":"recaptcha","imageUrls":["https://example.com/a.jpg"],"metadata":{"Grid":"3x3","Task":"Click on traffic lights"}}""",
        },
        new("ComplexImageTask", TaskKind.Image, 0.0003m)
        {
            Class = "recognition",
            Checks =
            [
                MetadataObject(),
                Rule("imagesBase64", ErrorCodes.TaskAbsent, "base64 images of 100-50,000 bytes", static i =>
                {
                    int images = 0;
                    ApiError? error = TryGet(i.Task, "imagesBase64", out JsonElement items)
                        ? DecodeImages(items, "task.imagesBase64", out images)
                        : ApiError.Of(ErrorCodes.TaskAbsent, "task.imagesBase64 is required");
                    i.Images = images;
                    return error;
                }),
                Rule("metadata.Task", ErrorCodes.TaskAbsent, "a known task takes its number of images: "
                    + string.Join(", ", RecognitionTasks.Select(t => $"{t.Name} {t.Images}")) + "; bls_3x3 needs metadata.TaskArgument, bills_audio metadata.PayloadType", static i =>
                {
                    string? name = GetString(i.Metadata, "Task");
                    if (!NonEmpty(name))
                    {
                        return ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.Task is required");
                    }

                    i.Recognition = RecognitionTasks.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
                    return i.Recognition is not { } known ? null
                        : i.Images != known.Images ? ApiError.Of(ErrorCodes.TaskAbsent, $"recognition task {known.Name} takes {known.Images} image(s), got {i.Images}")
                        : known.Extra?.Invoke(i.Metadata);
                }),
            ],
            Proxy = ProxyRule.Ignored,
            Solve = static (w, s) =>
            {
                if (s.Spec.Recognition is { } known)
                {
                    known.Answer(w, s.Id);
                }
                else
                {
                    w.WriteString("answer", s.V("answer"));
                }

                w.WriteStartObject("metadata");
                w.WriteString("AnswerType", s.Spec.Recognition?.AnswerType ?? "Text");
                w.WriteEndObject();
            },
            SolutionNote = "oocl_rotate_new, baidu: NumericArray [taskId % 360]; oocl_rotate_double_new: [taskId % 360, taskId / 360 % 360]; "
                + "betpunch_3x3_rotate: 9 values 1 + (taskId + i) % 4; bls_3x3: Grid, 9 tiles as for recaptcha; shein: Coordinate [{X: taskId % 300, Y: taskId % 150}]; "
                + "bills_audio: Text, the 4 digits of taskId % 10000; dli: Text, \"taskId % 10\"; other tasks: Text, V(answer)",
            Example = $$$"""{"type":"ComplexImageTask","class":"recognition","imagesBase64":["{{{Image}}}"],"metadata":{"Task":"shein"}}""",
        },
        new("RecaptchaV2Task", TaskKind.Token, 0.0006m)
        {
            LegacyTypes = ["NoCaptchaTask", "NoCaptchaTaskProxyless", "RecaptchaV2TaskProxyless"],
            Checks = [Url(), SiteKey()],
            Solve = static (w, s) => w.WriteString("gRecaptchaResponse", s.V("gRecaptchaResponse")),
            Example = """{"type":"RecaptchaV2Task","websiteURL":"https://example.com/login","websiteKey":"6Le-site-key"}""",
        },
        new("RecaptchaV2EnterpriseTask", TaskKind.Token, 0.0009m)
        {
            LegacyTypes = ["RecaptchaV2EnterpriseTaskProxyless"],
            Checks = [Url(), SiteKey()],
            Solve = static (w, s) =>
            {
                w.WriteString("gRecaptchaResponse", s.V("gRecaptchaResponse"));
                w.WriteString("userAgent", s.UserAgent);
                w.WriteStartObject("cookies");
                w.WriteString("nocookies", "true");
                w.WriteEndObject();
            },
            Example = """{"type":"RecaptchaV2EnterpriseTask","websiteURL":"https://example.com/login","websiteKey":"6Le-site-key","enterprisePayload":{"s":"x"}}""",
        },
        new("RecaptchaV3TaskProxyless", TaskKind.Token, 0.0009m)
        {
            Checks = [Url(), SiteKey(), MinScore],
            Proxy = ProxyRule.Ignored,
            Solve = static (w, s) => w.WriteString("gRecaptchaResponse", s.V("gRecaptchaResponse")),
            Example = """{"type":"RecaptchaV3TaskProxyless","websiteURL":"https://example.com/","websiteKey":"6Le-v3","minScore":0.7,"pageAction":"login"}""",
        },
        new("RecaptchaV3EnterpriseTask", TaskKind.Token, 0.0012m)
        {
            Checks = [Url(), SiteKey(), MinScore],
            Proxy = ProxyRule.Ignored,
            Solve = static (w, s) => w.WriteString("gRecaptchaResponse", s.V("gRecaptchaResponse")),
            Example = """{"type":"RecaptchaV3EnterpriseTask","websiteURL":"https://example.com/","websiteKey":"6Le-v3e"}""",
        },
        new("TurnstileTask", TaskKind.Token, 0.0013m)
        {
            Selector = CloudflareTaskType,
            Variant = "widget",
            LegacyTypes = ["TurnstileTaskProxyless"],
            Checks = [Url(), SiteKey()],
            Solve = TokenAndUserAgent,
            Example = """{"type":"TurnstileTask","websiteURL":"https://example.com/","websiteKey":"0x4AAAAAAA"}""",
        },
        new("TurnstileTask", TaskKind.Token, 0.0013m)
        {
            Selector = CloudflareTaskType,
            Variant = "token",
            Checks = [Url(), SiteKey(), Need("pageAction"), UserAgent(), Need("data"), Need("pageData")],
            Solve = TokenAndUserAgent,
            Example = $$"""{"type":"TurnstileTask","websiteURL":"https://example.com/","websiteKey":"0x4AAAAAAA","cloudflareTaskType":"token","pageAction":"managed","userAgent":"{{Ua}}","data":"cdata","pageData":"chlpagedata"}""",
        },
        new("TurnstileTask", TaskKind.Token, 0.0016m)
        {
            Selector = CloudflareTaskType,
            Variant = "cf_clearance",
            Checks = [Url(), SiteKey(allowEmpty: true), Need("htmlPageBase64"), UserAgent()],
            Proxy = ProxyRule.Required,
            Solve = static (w, s) => w.WriteString("cf_clearance", s.V("cf_clearance")),
            Example = $$"""{"type":"TurnstileTask","websiteURL":"https://example.com/","websiteKey":"","cloudflareTaskType":"cf_clearance","htmlPageBase64":"PGh0bWw+","userAgent":"{{Ua}}",{{Proxy}}}""",
        },
        new("TurnstileTask", TaskKind.Token, 0.0016m)
        {
            Selector = CloudflareTaskType,
            Variant = "wait_room",
            Checks = [Url(), SiteKey(allowEmpty: true), Need("htmlPageBase64"), UserAgent()],
            Proxy = ProxyRule.Required,
            Solve = static (w, s) => w.WriteString("cf_clearance", s.V("cf_clearance")),
            Example = $$"""{"type":"TurnstileTask","websiteURL":"https://example.com/","websiteKey":"","cloudflareTaskType":"wait_room","htmlPageBase64":"PGh0bWw+","userAgent":"{{Ua}}",{{Proxy}}}""",
        },
        new("GeeTestTask", TaskKind.Token, 0.0012m)
        {
            Selector = GeeTestVersion,
            Variant = "3",
            LegacyTypes = ["GeeTestTaskProxyless"],
            Checks = [Url(), SiteKey("gt"), Need("challenge"), GeeTestSubdomain],
            Proxy = ProxyRule.OptionalWithLogin,
            Solve = static (w, s) =>
            {
                string validate = s.V("validate");
                w.WriteString("challenge", GetString(s.Task, "challenge"));
                w.WriteString("validate", validate);
                w.WriteString("seccode", validate + "|jordan");
            },
            SolutionNote = "challenge is the task's; seccode is V(validate) + \"|jordan\"",
            Example = """{"type":"GeeTestTask","websiteURL":"https://example.com/","gt":"022397c99c9f646f6477822485f30404","challenge":"7f044f48bc951ecfbfc03842b5e1fe59"}""",
        },
        new("GeeTestTask", TaskKind.Token, 0.0012m)
        {
            Selector = GeeTestVersion,
            Variant = "4",
            Checks = [Url(), SiteKey("gt"), GeeTestSubdomain],
            Proxy = ProxyRule.OptionalWithLogin,
            Solve = static (w, s) =>
            {
                w.WriteString("captcha_id", GetString(s.Task, "gt"));
                w.WriteString("lot_number", s.V("lot_number"));
                w.WriteString("pass_token", s.V("pass_token"));
                w.WriteString("gen_time", s.CreatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("captcha_output", s.V("captcha_output"));
            },
            SolutionNote = "captcha_id is the task's gt; gen_time the creation time in Unix seconds, as a string",
            Example = """{"type":"GeeTestTask","websiteURL":"https://example.com/","gt":"e392e1d7fd421dc63325744d5a2b9c73","version":4,"initParameters":{"riskType":"slide"}}""",
        },
        new("FunCaptchaTask", TaskKind.Other, 0.002m)
        {
            LegacyTypes = ["FunCaptchaTaskProxyless"],
            Checks = [Url(), SiteKey("websitePublicKey")],
            Solve = TokenAndUserAgent,
            Example = """{"type":"FunCaptchaTask","websiteURL":"https://example.com/","websitePublicKey":"69A21A01-CC7B-B9C6-0F9A-E7FA06677FFC"}""",
        },
        new("HCaptchaTask", TaskKind.Other, 0.0008m)
        {
            LegacyTypes = ["HCaptchaTaskProxyless"],
            Checks = [Url(), SiteKey()],
            Solve = static (w, s) =>
            {
                w.WriteString("gRecaptchaResponse", s.V("gRecaptchaResponse"));
                w.WriteString("respKey", s.V("respKey"));
                w.WriteString("userAgent", s.UserAgent);
            },
            Example = """{"type":"HCaptchaTask","websiteURL":"https://example.com/","websiteKey":"a5f74b19-9e45-40e0-b45d-47ff91b7a6c2"}""",
        },
        new("AmazonTask", TaskKind.Other, 0.0012m)
        {
            Selector = AmazonAnswer,
            Variant = "voucher",
            Checks = AmazonChecks,
            Solve = static (w, s) =>
            {
                w.WriteString("captcha_voucher", s.V("captcha_voucher"));
                w.WriteString("existing_token", s.V("existing_token"));
            },
            Example = """{"type":"AmazonTask","websiteURL":"https://example.com/","websiteKey":"AQIDAHjc","captchaScript":"https://x.token.awswaf.com/jsapi.js"}""",
        },
        new("AmazonTask", TaskKind.Other, 0.0012m)
        {
            Selector = AmazonAnswer,
            Variant = "cookies",
            Checks = AmazonChecks,
            Solve = static (w, s) =>
            {
                w.WriteStartObject("cookies");
                w.WriteString("aws-waf-token", s.V("aws-waf-token"));
                w.WriteEndObject();
                w.WriteString("userAgent", s.UserAgent);
            },
            Example = """{"type":"AmazonTask","websiteURL":"https://example.com/","challengeScript":"https://x.token.awswaf.com/challenge.js","websiteKey":"AQIDAHjc","context":"ctx","iv":"iv1","cookieSolution":true}""",
        },
        new("BinanceTask", TaskKind.Other, 0.0012m)
        {
            LegacyTypes = ["BinanceTaskProxyless"],
            Checks = [Url(), SiteKey(), Need("validateId")],
            Solve = TokenAndUserAgent,
            Example = """{"type":"BinanceTask","websiteURL":"https://example.com/","websiteKey":"login","validateId":"abc123"}""",
        },
        new("ProsopoTask", TaskKind.Other, 0.0008m)
        {
            LegacyTypes = ["ProsopoTaskProxyless"],
            Checks = [Url(), SiteKey()],
            Solve = Token,
            Example = """{"type":"ProsopoTask","websiteURL":"https://example.com/","websiteKey":"5EZU3LG31uzq1Mwi8inwqxmfvFDpj7VzwDnZwj4Q3syyxBwV"}""",
        },
        new("MTCaptchaTask", TaskKind.Other, 0.0008m)
        {
            Checks = [Url(), SiteKey()],
            Solve = Token,
            Example = """{"type":"MTCaptchaTask","websiteURL":"https://example.com/","websiteKey":"MTPublic-abc"}""",
        },
        new("YidunTask", TaskKind.Other, 0.0008m)
        {
            Checks = [Url(), SiteKey()],
            Solve = Token,
            Example = """{"type":"YidunTask","websiteURL":"https://example.com/","websiteKey":"6cw0f0485d5d46auacf9b735d20218a5"}""",
        },
        new("CustomTask", TaskKind.Other, 0.002m)
        {
            Class = "DataDome",
            Checks = [Url(), NeedMetaAny("captchaUrl", "htmlPageBase64"), NeedMeta("datadomeCookie")],
            Proxy = ProxyRule.Required,
            Solve = static (w, s) =>
            {
                w.WriteStartObject("domains");
                w.WriteStartObject(s.Host);
                w.WriteStartObject("cookies");
                w.WriteString("datadome", s.V("datadome"));
                w.WriteEndObject();
                w.WriteNull("localStorage");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteNull("url");
                w.WriteNull("fingerprint");
                w.WriteNull("headers");
                w.WriteNull("data");
            },
            SolutionNote = "domains is keyed by the host of websiteURL",
            Example = $$"""{"type":"CustomTask","class":"DataDome","websiteURL":"https://shop.example.com/","metadata":{"captchaUrl":"https://geo.captcha-delivery.com/captcha/?x=1","datadomeCookie":"datadome=abc"},{{Proxy}}}""",
        },
        new("CustomTask", TaskKind.Other, 0.0016m)
        {
            Class = "TenDI",
            Checks = [Url(), SiteKey()],
            Solve = static (w, s) =>
            {
                w.WriteStartObject("data");
                w.WriteString("randstr", s.V("randstr"));
                w.WriteString("ticket", s.V("ticket"));
                w.WriteEndObject();
                UserAgentHeader(w, s);
            },
            Example = """{"type":"CustomTask","class":"TenDI","websiteURL":"https://example.com/","websiteKey":"189123456"}""",
        },
        new("CustomTask", TaskKind.Other, 0.0012m)
        {
            Class = "Basilisk",
            Checks = [Url(), SiteKey()],
            Solve = static (w, s) =>
            {
                w.WriteStartObject("data");
                w.WriteString("captcha_response", s.V("captcha_response"));
                w.WriteEndObject();
                UserAgentHeader(w, s);
            },
            Example = """{"type":"CustomTask","class":"Basilisk","websiteURL":"https://example.com/","websiteKey":"b7890hre5cf2544b2"}""",
        },
        new("CustomTask", TaskKind.Other, 0.002m)
        {
            Class = "Imperva",

            // The official clients send older names too (incapsulaScriptBase64, incapsulaSessionCookie, incapsulaCookie).
            Checks = [Url(), NeedMetaAny("incapsulaScriptUrl", "incapsulaScriptBase64"), NeedMetaAny("incapsulaCookies", "incapsulaCookie", "incapsulaSessionCookie")],
            Proxy = ProxyRule.Required,
            Solve = static (w, s) =>
            {
                w.WriteStartObject("domains");
                w.WriteStartObject(s.Host);
                w.WriteStartObject("cookies");
                w.WriteString("___utmvc", s.V("___utmvc"));
                if (Has(s.Metadata, "reese84UrlEndpoint"))
                {
                    w.WriteString("reese84", s.V("reese84"));
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            },
            SolutionNote = "domains is keyed by the host of websiteURL; reese84 only with metadata.reese84UrlEndpoint",
            Example = $$"""{"type":"CustomTask","class":"Imperva","websiteURL":"https://example.com/","metadata":{"incapsulaScriptUrl":"_Incapsula_Resource?SWJIYLWA=1","incapsulaCookies":"incap_ses_1=abc"},{{Proxy}}}""",
        },
        new("CustomTask", TaskKind.Other, 0.0008m)
        {
            Class = "altcha",
            Checks = [Url(), SiteKey(allowEmpty: true), NeedMeta("challenge"), NeedMeta("iterations", numberOk: true), NeedMeta("salt"), NeedMeta("signature")],
            Solve = static (w, s) =>
            {
                TryGetInt64(s.Metadata, "iterations", out long iterations);
                w.WriteStartObject("data");
                w.WriteString("token", s.V("token"));
                w.WriteNumber("number", s.Id % Math.Max(1, iterations));
                w.WriteEndObject();
            },
            SolutionNote = "number is taskId % metadata.iterations",
            Example = """{"type":"CustomTask","class":"altcha","websiteURL":"https://example.com/","websiteKey":"","metadata":{"challenge":"3dd28253be6cc0c5","iterations":"5000","salt":"46d5b1c8871e8aeb?edk=1&expires=1","signature":"4b1cf0e0be0f4e5247e50b0f9a449830f1fbca44c32ff94bc080146815f31a18"}}""",
        },
        new("CustomTask", TaskKind.Other, 0.0008m)
        {
            Class = "Castle",
            Checks =
            [
                Url(), SiteKey(), NeedMeta("wUrl"), NeedMeta("swUrl"),
                IfGiven("metadata.count", "an integer 1-49, larger is taken as 49", static i =>
                {
                    if (!Has(i.Metadata, "count"))
                    {
                        return null;
                    }

                    if (!TryGetInt64(i.Metadata, "count", out long n) || n < 1)
                    {
                        return ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.count must be an integer 1-49");
                    }

                    i.Count = (int)Math.Min(n, 49);
                    return null;
                }),
            ],
            PricePerCount = true,
            Solve = static (w, s) =>
            {
                w.WriteStartObject("data");
                w.WriteStartArray("tokens");
                for (int i = 0; i < s.Spec.Count; i++)
                {
                    w.WriteStringValue(s.V(string.Create(CultureInfo.InvariantCulture, $"tokens[{i}]")));
                }

                w.WriteEndArray();
                w.WriteEndObject();
                Cookies(w, s.Host, "__cuid", s.V("__cuid"));
            },
            SolutionNote = "metadata.count tokens, V(tokens[i]); domains is keyed by the host of websiteURL",
            Example = """{"type":"CustomTask","class":"Castle","websiteURL":"https://example.com/","websiteKey":"pk_abc","metadata":{"wUrl":"https://s.example.com/cw.js","swUrl":"https://s.example.com/csw.js","count":3}}""",
        },
        new("CustomTask", TaskKind.Other, 0.002m)
        {
            Class = "tspd",
            Checks = [Url(), NeedMeta("tspdCookie"), NeedMeta("htmlPageBase64"), UserAgent()],
            Proxy = ProxyRule.Required,
            Solve = static (w, s) =>
            {
                string tsName = TspdCookieName(GetString(s.Metadata, "tspdCookie"));
                w.WriteStartObject("Domains");
                w.WriteStartObject(s.Host);
                w.WriteStartObject("Cookies");
                w.WriteString(tsName, s.V(tsName));
                w.WriteString("TSPD_101_DID", s.V("TSPD_101_DID"));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            },
            SolutionNote = "PascalCase Domains and Cookies, keyed by the host of websiteURL; the TS cookie is named as in metadata.tspdCookie (before \"=\")",
            Example = $$"""{"type":"CustomTask","class":"tspd","websiteURL":"https://bank.example.com/","userAgent":"{{Ua}}","metadata":{"tspdCookie":"TS386a400d029=abc; other=1","htmlPageBase64":"PGh0bWw+"},{{Proxy}}}""",
        },
        new("CustomTask", TaskKind.Other, 0.0015m)
        {
            Class = "HUNT",
            Checks = [Url(), NeedMeta("apiGetLib")],
            Proxy = ProxyRule.Required,
            Solve = DataToken,
            Example = $$"""{"type":"CustomTask","class":"HUNT","websiteURL":"https://example.com/","metadata":{"apiGetLib":"https://example.com/hd-api/external/apps/a/api.js"},{{Proxy}}}""",
        },
        new("CustomTask", TaskKind.Other, 0.0012m)
        {
            Class = "alibaba",
            Checks = [Url(), NeedMeta("sceneId"), NeedMeta("prefix")],
            Solve = static (w, s) =>
            {
                string tokens = Encoding.UTF8.GetString(Write((Sid: GetString(s.Metadata, "sceneId"), Cid: s.V("certifyId")), static (j, t) =>
                {
                    j.WriteStartObject();
                    j.WriteString("sceneId", t.Sid);
                    j.WriteString("certifyId", t.Cid);
                    j.WriteEndObject();
                }));
                w.WriteStartObject("data");
                w.WriteString("tokens", tokens);
                w.WriteEndObject();
            },
            SolutionNote = "data.tokens is a JSON string: {\"sceneId\": the task's, \"certifyId\": V(certifyId)}",
            Example = """{"type":"CustomTask","class":"alibaba","websiteURL":"https://example.com/","metadata":{"sceneId":"1ww1ww","prefix":"abc"}}""",
        },
        new("CustomTask", TaskKind.Other, 0.002m)
        {
            Class = "Temu",
            Checks = [Url(), NeedMeta("cookie")],
            Solve = static (w, s) => Cookies(w, s.Host, "verifyAuthToken", s.V("verifyAuthToken")),
            SolutionNote = "domains is keyed by the host of websiteURL",
            Example = """{"type":"CustomTask","class":"Temu","websiteURL":"https://www.temu.com/","metadata":{"cookie":"api_uid=abc"}}""",
        },
        new("CustomTask", TaskKind.Other, 0.0012m)
        {
            Class = "friendly",
            Checks = [Url(), SiteKey(), NeedMeta("apiGetLib")],
            Solve = DataToken,
            Example = """{"type":"CustomTask","class":"friendly","websiteURL":"https://example.com/","websiteKey":"FCMST5VUMCBOCGQ9","metadata":{"apiGetLib":"https://example.com/friendlycaptcha/site.min.js"}}""",
        },
    ];

    private static void Token(Utf8JsonWriter w, SolutionInput s) => w.WriteString("token", s.V("token"));

    private static void TokenAndUserAgent(Utf8JsonWriter w, SolutionInput s)
    {
        w.WriteString("token", s.V("token"));
        w.WriteString("userAgent", s.UserAgent);
    }

    private static void DataToken(Utf8JsonWriter w, SolutionInput s)
    {
        w.WriteStartObject("data");
        w.WriteString("token", s.V("token"));
        w.WriteEndObject();
    }

    /// <summary>answer: [numbers].</summary>
    private static void Numbers(Utf8JsonWriter w, params long[] values)
    {
        w.WriteStartArray("answer");
        foreach (long value in values)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }
}
