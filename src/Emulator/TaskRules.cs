using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text.Json;
using static CapMonster.Emulator.JsonUtil;

namespace CapMonster.Emulator;

/// <summary>How a task may be reported as wrong (reference §1.6).</summary>
internal enum TaskKind
{
    /// <summary>ImageToTextTask, ComplexImageTask: reportIncorrectImageCaptcha.</summary>
    Image,

    /// <summary>reCAPTCHA, GeeTest, Turnstile: reportIncorrectTokenCaptcha / reportIncorrectRecaptcha.</summary>
    Token,

    /// <summary>Everything else: no report endpoint.</summary>
    Other,
}

/// <summary>What createTask learned from a valid task: its canonical type and what the solution needs.</summary>
internal sealed class TaskSpec
{
    public required string Type { get; init; }

    /// <summary>class, cloudflareTaskType, GeeTest version or Amazon answer form; null when the type has one form.</summary>
    public string? Variant { get; init; }

    public TaskKind Kind { get; init; }

    /// <summary>Price in units of 0.0000001 (1e-7) so balances can be updated with Interlocked.</summary>
    public long CostUnits { get; init; }

    /// <summary>An error the task ends in instead of a solution (ImageToText below its recognizingThreshold).</summary>
    public string? FailCode { get; init; }

    /// <summary>ImageToText: SHA-256 of the decoded image.</summary>
    public byte[]? ImageHash { get; init; }

    public bool Numeric { get; init; }

    public bool Math { get; init; }

    public bool CaseSensitive { get; init; }

    /// <summary>ComplexImageTask recaptcha: number of tiles answered; Castle: number of tokens.</summary>
    public int Count { get; init; }

    /// <summary>ComplexImageTask recognition: the metadata.Task name.</summary>
    public string? RecognitionTask { get; init; }
}

/// <summary>
/// The task types this emulator accepts, their legacy names, required fields and prices
/// (our own reading of reference §3.2-3.7).
/// </summary>
internal static class TaskRules
{
    /// <summary>Image uploads must decode to at least this many bytes.</summary>
    public const int MinImageBytes = 100;

    /// <summary>Image uploads must decode to at most this many bytes.</summary>
    public const int MaxImageBytes = 50_000;

    /// <summary>The recognition confidence of every ImageToText answer; a recognizingThreshold above it fails.</summary>
    public const int ImageConfidence = 90;

    /// <summary>One currency unit in cost units.</summary>
    public const long UnitsPerDollar = 10_000_000;

    private enum ProxyRule
    {
        /// <summary>Proxy fields are not part of the type; they are ignored.</summary>
        None,

        /// <summary>No proxy, or type+address+port (login/password optional).</summary>
        Optional,

        /// <summary>As Optional, but an IP-authorised proxy (no login/password) is refused (GeeTest).</summary>
        OptionalWithAuth,

        /// <summary>All five proxy fields.</summary>
        Required,
    }

    /// <summary>Accepted type names (current and legacy, any case) to the current name.</summary>
    private static readonly Dictionary<string, string> TypeNames = BuildTypeNames();

    private static readonly Dictionary<string, string> CustomClasses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DataDome"] = "DataDome",
        ["TenDI"] = "TenDI",
        ["Basilisk"] = "Basilisk",
        ["Imperva"] = "Imperva",
        ["altcha"] = "altcha",
        ["Castle"] = "Castle",
        ["tspd"] = "tspd",
        ["HUNT"] = "HUNT",
        ["alibaba"] = "alibaba",
        ["Temu"] = "Temu",
        ["friendly"] = "friendly",
    };

    /// <summary>ComplexImageTask recognition tasks and how many images each takes.</summary>
    private static readonly Dictionary<string, int> RecognitionImages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["oocl_rotate_new"] = 2,
        ["oocl_rotate_double_new"] = 3,
        ["betpunch_3x3_rotate"] = 9,
        ["bls_3x3"] = 9,
        ["shein"] = 1,
        ["baidu"] = 1,
        ["bills_audio"] = 1,
        ["dli"] = 1,
    };

    private static readonly string[] ProxyFields = ["proxyType", "proxyAddress", "proxyPort", "proxyLogin", "proxyPassword"];

    /// <summary>Maps a type name (current or legacy, any case) to the current name; null when unknown.</summary>
    public static string? CanonicalType(string? type) =>
        type is not null && TypeNames.TryGetValue(type, out string? name) ? name : null;

    /// <summary>Validates a createTask <c>task</c> object.</summary>
    /// <param name="task">The task JSON object.</param>
    /// <param name="clientKey">The full client key (its <c>__recognizingthreshold_N</c> suffix matters).</param>
    /// <param name="spec">The accepted task when the result is null.</param>
    /// <returns>null when the task is acceptable, otherwise the error to answer with.</returns>
    public static ApiError? Validate(JsonElement task, string clientKey, out TaskSpec? spec)
    {
        spec = null;
        string? rawType = GetString(task, "type");
        if (string.IsNullOrWhiteSpace(rawType))
        {
            return ApiError.Of(ErrorCodes.TaskNotSupported, "task.type is missing");
        }

        string? type = CanonicalType(rawType);
        if (type is null)
        {
            return ApiError.Of(ErrorCodes.TaskNotSupported, "unknown task.type " + rawType);
        }

        switch (type)
        {
            case "ImageToTextTask":
                return ImageToText(task, clientKey, out spec);
            case "ComplexImageTask":
                return ComplexImage(task, out spec);
            case "TurnstileTask":
                return Turnstile(task, out spec);
            case "GeeTestTask":
                return GeeTest(task, out spec);
            case "AmazonTask":
                return Amazon(task, out spec);
            case "CustomTask":
                return Custom(task, out spec);
        }

        ApiError? error = type switch
        {
            "RecaptchaV2Task" or "RecaptchaV2EnterpriseTask" or "HCaptchaTask" or "ProsopoTask" or "MTCaptchaTask" or "YidunTask" =>
                Url(task) ?? SiteKey(task) ?? Proxy(task, ProxyRule.Optional),
            "RecaptchaV3TaskProxyless" or "RecaptchaV3EnterpriseTask" =>
                Url(task) ?? SiteKey(task) ?? MinScore(task),
            "FunCaptchaTask" => Url(task) ?? SiteKey(task, "websitePublicKey") ?? Proxy(task, ProxyRule.Optional),
            "BinanceTask" => Url(task) ?? SiteKey(task) ?? Need(task, "validateId") ?? Proxy(task, ProxyRule.Optional),
            _ => ApiError.Of(ErrorCodes.TaskNotSupported, type),
        };
        if (error is not null)
        {
            return error;
        }

        (TaskKind kind, long cost) = type switch
        {
            "RecaptchaV2Task" => (TaskKind.Token, 6_000L),
            "RecaptchaV2EnterpriseTask" => (TaskKind.Token, 9_000L),
            "RecaptchaV3TaskProxyless" => (TaskKind.Token, 9_000L),
            "RecaptchaV3EnterpriseTask" => (TaskKind.Token, 12_000L),
            "HCaptchaTask" => (TaskKind.Other, 8_000L),
            "FunCaptchaTask" => (TaskKind.Other, 20_000L),
            "BinanceTask" => (TaskKind.Other, 12_000L),
            _ => (TaskKind.Other, 8_000L), // Prosopo, MTCaptcha, Yidun
        };
        spec = new TaskSpec { Type = type, Kind = kind, CostUnits = cost };
        return null;
    }

    private static ApiError? ImageToText(JsonElement task, string clientKey, out TaskSpec? spec)
    {
        spec = null;
        if (!TryGet(task, "body", out JsonElement body))
        {
            return ApiError.Of(ErrorCodes.ZeroCaptchaFileSize, "task.body is missing");
        }

        ApiError? error = DecodeImage(body, "task.body", out byte[]? bytes);
        if (error is not null)
        {
            return error;
        }

        int threshold = -1;
        if (TryGetInt64(task, "recognizingThreshold", out long field))
        {
            threshold = (int)Math.Clamp(field, 0, 100);
        }
        else
        {
            threshold = ThresholdFromKey(clientKey);
        }

        spec = new TaskSpec
        {
            Type = "ImageToTextTask",
            Kind = TaskKind.Image,
            CostUnits = 3_000,
            ImageHash = SHA256.HashData(bytes!),
            Numeric = TryGetInt64(task, "numeric", out long numeric) && numeric == 1,
            Math = GetBool(task, "math") == true,
            CaseSensitive = GetBool(task, "case") == true,
            FailCode = threshold > ImageConfidence ? ErrorCodes.CaptchaUnsolvable : null,
        };
        return null;
    }

    /// <summary>The N of a <c>__recognizingthreshold_N</c> key suffix, or -1.</summary>
    internal static int ThresholdFromKey(string clientKey)
    {
        const string Prefix = "recognizingthreshold_";
        foreach (string part in clientKey.Split("__"))
        {
            if (part.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(part.AsSpan(Prefix.Length), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n))
            {
                return Math.Clamp(n, 0, 100);
            }
        }

        return -1;
    }

    private static ApiError? DecodeImage(JsonElement value, string what, out byte[]? bytes)
    {
        bytes = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return ApiError.Of(ErrorCodes.ZeroCaptchaFileSize, what + " must be a base64 string");
        }

        if (!value.TryGetBytesFromBase64(out bytes) || bytes is null)
        {
            return ApiError.Of(ErrorCodes.ZeroCaptchaFileSize, what + " is not valid base64");
        }

        if (bytes.Length < MinImageBytes)
        {
            return ApiError.Of(ErrorCodes.ZeroCaptchaFileSize, $"{what} decodes to {bytes.Length} bytes, minimum {MinImageBytes}");
        }

        if (bytes.Length > MaxImageBytes)
        {
            return ApiError.Of(ErrorCodes.TooBigCaptchaFileSize, $"{what} decodes to {bytes.Length} bytes, maximum {MaxImageBytes}");
        }

        return null;
    }

    private static ApiError? DecodeImages(JsonElement array, string what, out int count)
    {
        count = 0;
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return ApiError.Of(ErrorCodes.TaskAbsent, what + " must be a non-empty array of base64 strings");
        }

        foreach (JsonElement item in array.EnumerateArray())
        {
            ApiError? error = DecodeImage(item, $"{what}[{count}]", out _);
            if (error is not null)
            {
                return error;
            }

            count++;
        }

        return null;
    }

    private static ApiError? ComplexImage(JsonElement task, out TaskSpec? spec)
    {
        spec = null;
        string? cls = GetString(task, "class");
        if (string.IsNullOrWhiteSpace(cls))
        {
            return ApiError.Of(ErrorCodes.TaskNotSupported, "task.class is missing (recaptcha or recognition)");
        }

        bool recaptcha = cls.Equals("recaptcha", StringComparison.OrdinalIgnoreCase);
        if (!recaptcha && !cls.Equals("recognition", StringComparison.OrdinalIgnoreCase))
        {
            return ApiError.Of(ErrorCodes.TaskNotSupported, "ComplexImageTask class " + cls + " is not supported (recaptcha or recognition)");
        }

        if (!TryGet(task, "metadata", out JsonElement meta) || meta.ValueKind != JsonValueKind.Object)
        {
            return ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata is required");
        }

        int images = 0;
        ApiError? error;
        if (recaptcha)
        {
            if (TryGet(task, "imagesBase64", out JsonElement base64))
            {
                error = DecodeImages(base64, "task.imagesBase64", out images);
            }
            else if (TryGet(task, "imageUrls", out JsonElement urls))
            {
                error = Urls(urls, out images);
            }
            else
            {
                error = ApiError.Of(ErrorCodes.TaskAbsent, "task.imageUrls or task.imagesBase64 is required");
                images = 0;
            }

            string? grid = GetString(meta, "Grid");
            int tiles = grid switch
            {
                "4x4" => 16,
                "3x3" => 9,
                "1x1" => images,
                _ => -1,
            };
            error ??= tiles < 0 ? ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.Grid must be 4x4, 3x3 or 1x1") : null;
            error ??= NonEmpty(GetString(meta, "TaskDefinition")) || NonEmpty(GetString(meta, "Task"))
                ? null
                : ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.TaskDefinition or task.metadata.Task is required");
            error ??= Url(task, required: false);
            if (error is null)
            {
                spec = new TaskSpec { Type = "ComplexImageTask", Variant = "recaptcha", Kind = TaskKind.Image, CostUnits = 4_000, Count = tiles };
            }

            return error;
        }

        error = TryGet(task, "imagesBase64", out JsonElement items)
            ? DecodeImages(items, "task.imagesBase64", out images)
            : ApiError.Of(ErrorCodes.TaskAbsent, "task.imagesBase64 is required");
        if (error is not null)
        {
            return error;
        }

        string? name = GetString(meta, "Task");
        if (!NonEmpty(name))
        {
            return ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.Task is required");
        }

        if (RecognitionImages.TryGetValue(name!, out int expected))
        {
            name = name!.ToLowerInvariant();
            if (images != expected)
            {
                return ApiError.Of(ErrorCodes.TaskAbsent, $"recognition task {name} takes {expected} image(s), got {images}");
            }

            if (name == "bls_3x3" && !Has(meta, "TaskArgument"))
            {
                return ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.TaskArgument is required for bls_3x3");
            }

            if (name == "bills_audio" && !NonEmpty(GetString(meta, "PayloadType")))
            {
                return ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.PayloadType (\"Audio\") is required for bills_audio");
            }
        }

        spec = new TaskSpec { Type = "ComplexImageTask", Variant = "recognition", Kind = TaskKind.Image, CostUnits = 3_000, RecognitionTask = name };
        return null;
    }

    private static ApiError? Urls(JsonElement urls, out int count)
    {
        count = 0;
        if (urls.ValueKind != JsonValueKind.Array || urls.GetArrayLength() == 0)
        {
            return ApiError.Of(ErrorCodes.TaskAbsent, "task.imageUrls must be a non-empty array of URLs");
        }

        foreach (JsonElement item in urls.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(item.GetString(), UriKind.Absolute, out Uri? uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return ApiError.Of(ErrorCodes.TaskAbsent, $"task.imageUrls[{count}] is not an http(s) URL");
            }

            count++;
        }

        return null;
    }

    private static ApiError? Turnstile(JsonElement task, out TaskSpec? spec)
    {
        spec = null;
        string? cft = GetString(task, "cloudflareTaskType");
        string variant = cft is null ? "widget" : cft.ToLowerInvariant();
        ApiError? error = variant switch
        {
            "widget" => Url(task) ?? SiteKey(task) ?? Proxy(task, ProxyRule.Optional),
            "token" => Url(task) ?? SiteKey(task) ?? Need(task, "pageAction") ?? UserAgent(task)
                ?? Need(task, "data") ?? Need(task, "pageData") ?? Proxy(task, ProxyRule.Optional),
            "cf_clearance" or "wait_room" => Url(task) ?? SiteKey(task, allowEmpty: true) ?? Need(task, "htmlPageBase64")
                ?? UserAgent(task) ?? Proxy(task, ProxyRule.Required),
            _ => ApiError.Of(ErrorCodes.TaskNotSupported, "cloudflareTaskType must be token, cf_clearance or wait_room"),
        };
        if (error is null)
        {
            long cost = variant is "cf_clearance" or "wait_room" ? 16_000 : 13_000;
            spec = new TaskSpec { Type = "TurnstileTask", Variant = variant, Kind = TaskKind.Token, CostUnits = cost };
        }

        return error;
    }

    private static ApiError? GeeTest(JsonElement task, out TaskSpec? spec)
    {
        spec = null;
        long version = 3;
        if (Has(task, "version") && (!TryGetInt64(task, "version", out version) || version is not (3 or 4)))
        {
            return ApiError.Of(ErrorCodes.TaskNotSupported, "GeeTest task.version must be 3 or 4");
        }

        string? subdomain = GetString(task, "geetestApiServerSubdomain");
        ApiError? error = Url(task) ?? SiteKey(task, "gt")
            ?? (version == 3 ? Need(task, "challenge") : null)
            ?? (string.Equals(subdomain, "api.geetest.com", StringComparison.OrdinalIgnoreCase)
                ? ApiError.Of(ErrorCodes.TaskAbsent, "task.geetestApiServerSubdomain must not be api.geetest.com")
                : null)
            ?? Proxy(task, ProxyRule.OptionalWithAuth);
        if (error is null)
        {
            spec = new TaskSpec { Type = "GeeTestTask", Variant = version == 4 ? "4" : "3", Kind = TaskKind.Token, CostUnits = 12_000 };
        }

        return error;
    }

    private static ApiError? Amazon(JsonElement task, out TaskSpec? spec)
    {
        spec = null;

        // Options 2 and 3 (challenge.js): websiteKey, context and iv must be there but may be "".
        // Option 1 (jsapi.js): websiteKey and captchaScript must be non-empty.
        ApiError? error = Url(task)
            ?? (NonEmpty(GetString(task, "challengeScript"))
                ? SiteKey(task, allowEmpty: true) ?? Present(task, "context") ?? Present(task, "iv")
                : SiteKey(task) ?? Need(task, "captchaScript"))
            ?? Proxy(task, ProxyRule.Optional);
        if (error is null)
        {
            bool cookies = GetBool(task, "cookieSolution") == true;
            spec = new TaskSpec { Type = "AmazonTask", Variant = cookies ? "cookies" : "voucher", Kind = TaskKind.Other, CostUnits = 12_000 };
        }

        return error;
    }

    private static ApiError? Custom(JsonElement task, out TaskSpec? spec)
    {
        spec = null;
        string? raw = GetString(task, "class");
        if (string.IsNullOrWhiteSpace(raw))
        {
            return ApiError.Of(ErrorCodes.TaskNotSupported, "task.class is missing");
        }

        if (!CustomClasses.TryGetValue(raw, out string? cls))
        {
            return ApiError.Of(ErrorCodes.TaskNotSupported, "CustomTask class " + raw + " is not supported");
        }

        TryGet(task, "metadata", out JsonElement meta);
        int count = 1;
        ApiError? error = cls switch
        {
            "DataDome" => Url(task)
                ?? (NonEmpty(GetString(meta, "captchaUrl")) || NonEmpty(GetString(meta, "htmlPageBase64"))
                    ? null
                    : ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.captchaUrl (or task.metadata.htmlPageBase64) is required"))
                ?? NeedMeta(meta, "datadomeCookie") ?? Proxy(task, ProxyRule.Required),
            "TenDI" or "Basilisk" => Url(task) ?? SiteKey(task) ?? Proxy(task, ProxyRule.Optional),
            // The official clients send older names too (incapsulaScriptBase64, incapsulaSessionCookie, incapsulaCookie).
            "Imperva" => Url(task) ?? NeedMetaAny(meta, "incapsulaScriptUrl", "incapsulaScriptBase64")
                ?? NeedMetaAny(meta, "incapsulaCookies", "incapsulaCookie", "incapsulaSessionCookie") ?? Proxy(task, ProxyRule.Required),
            "altcha" => Url(task) ?? SiteKey(task, allowEmpty: true) ?? NeedMeta(meta, "challenge")
                ?? NeedMeta(meta, "iterations", numberOk: true) ?? NeedMeta(meta, "salt") ?? NeedMeta(meta, "signature")
                ?? Proxy(task, ProxyRule.Optional),
            "Castle" => Url(task) ?? SiteKey(task) ?? NeedMeta(meta, "wUrl") ?? NeedMeta(meta, "swUrl")
                ?? CastleCount(meta, out count) ?? Proxy(task, ProxyRule.Optional),
            "tspd" => Url(task) ?? NeedMeta(meta, "tspdCookie") ?? NeedMeta(meta, "htmlPageBase64") ?? UserAgent(task)
                ?? Proxy(task, ProxyRule.Required),
            "HUNT" => Url(task) ?? NeedMeta(meta, "apiGetLib") ?? Proxy(task, ProxyRule.Required),
            "alibaba" => Url(task) ?? NeedMeta(meta, "sceneId") ?? NeedMeta(meta, "prefix") ?? Proxy(task, ProxyRule.Optional),
            "friendly" => Url(task) ?? SiteKey(task) ?? NeedMeta(meta, "apiGetLib") ?? Proxy(task, ProxyRule.Optional),
            _ => Url(task) ?? NeedMeta(meta, "cookie") ?? Proxy(task, ProxyRule.Optional), // Temu
        };
        if (error is not null)
        {
            return error;
        }

        long cost = cls switch
        {
            "DataDome" or "Imperva" or "tspd" or "Temu" => 20_000,
            "TenDI" => 16_000,
            "HUNT" => 15_000,
            "Basilisk" or "alibaba" or "friendly" => 12_000,
            "Castle" => 8_000L * count,
            _ => 8_000, // altcha
        };
        spec = new TaskSpec { Type = "CustomTask", Variant = cls, Kind = TaskKind.Other, CostUnits = cost, Count = count };
        return null;
    }

    private static ApiError? CastleCount(JsonElement meta, out int count)
    {
        count = 1;
        if (!Has(meta, "count"))
        {
            return null;
        }

        if (!TryGetInt64(meta, "count", out long n) || n < 1)
        {
            return ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata.count must be an integer 1-49");
        }

        count = (int)Math.Min(n, 49);
        return null;
    }

    private static ApiError? MinScore(JsonElement task)
    {
        if (!TryGet(task, "minScore", out JsonElement score))
        {
            return null;
        }

        return score.ValueKind == JsonValueKind.Number && score.TryGetDouble(out double d) && d >= 0.1 && d <= 0.9
            ? null
            : ApiError.Of(ErrorCodes.TaskAbsent, "task.minScore must be a number 0.1-0.9");
    }

    private static bool NonEmpty(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>websiteURL: required (unless <paramref name="required"/> is false) and an absolute http(s) URL.</summary>
    private static ApiError? Url(JsonElement task, bool required = true)
    {
        if (!TryGet(task, "websiteURL", out JsonElement value))
        {
            return required ? ApiError.Of(ErrorCodes.InvalidDomain, "task.websiteURL is missing") : null;
        }

        if (value.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out Uri? uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return ApiError.Of(ErrorCodes.InvalidDomain, "task.websiteURL must be an absolute http or https URL");
        }

        return null;
    }

    private static ApiError? SiteKey(JsonElement task, string name = "websiteKey", bool allowEmpty = false)
    {
        string? value = GetString(task, name);
        return value is null || (!allowEmpty && !NonEmpty(value))
            ? ApiError.Of(ErrorCodes.InvalidSiteKey, $"task.{name} is missing")
            : null;
    }

    private static ApiError? Need(JsonElement task, string name) =>
        NonEmpty(GetString(task, name)) ? null : ApiError.Of(ErrorCodes.TaskAbsent, $"task.{name} is required");

    private static ApiError? Present(JsonElement task, string name) =>
        GetString(task, name) is not null ? null : ApiError.Of(ErrorCodes.TaskAbsent, $"task.{name} is required (may be empty)");

    private static ApiError? UserAgent(JsonElement task) =>
        NonEmpty(GetString(task, "userAgent")) ? null : ApiError.Of(ErrorCodes.WrongUserAgent, "task.userAgent is required for this task");

    private static ApiError? NeedMeta(JsonElement meta, string name, bool numberOk = false)
    {
        if (TryGet(meta, name, out JsonElement value)
            && ((value.ValueKind == JsonValueKind.String && NonEmpty(value.GetString()))
                || (numberOk && value.ValueKind == JsonValueKind.Number)))
        {
            return null;
        }

        return ApiError.Of(ErrorCodes.TaskAbsent, $"task.metadata.{name} is required");
    }

    private static ApiError? NeedMetaAny(JsonElement meta, params string[] names)
    {
        foreach (string name in names)
        {
            if (NeedMeta(meta, name) is null)
            {
                return null;
            }
        }

        return NeedMeta(meta, names[0]);
    }

    private static ApiError? Proxy(JsonElement task, ProxyRule rule)
    {
        if (rule == ProxyRule.None)
        {
            return null;
        }

        bool any = false;
        foreach (string field in ProxyFields)
        {
            any |= Has(task, field);
        }

        if (!any)
        {
            return rule == ProxyRule.Required
                ? ApiError.Of(ErrorCodes.ProxyMissing, "this task needs proxyType, proxyAddress, proxyPort, proxyLogin and proxyPassword")
                : null;
        }

        string? type = GetString(task, "proxyType");
        if (type is null || !(type.Equals("http", StringComparison.OrdinalIgnoreCase) || type.Equals("https", StringComparison.OrdinalIgnoreCase)
            || type.Equals("socks4", StringComparison.OrdinalIgnoreCase) || type.Equals("socks5", StringComparison.OrdinalIgnoreCase)))
        {
            return ApiError.Of(ErrorCodes.ProxyMissing, "task.proxyType must be http, https, socks4 or socks5");
        }

        if (!NonEmpty(GetString(task, "proxyAddress")))
        {
            return ApiError.Of(ErrorCodes.ProxyMissing, "task.proxyAddress is missing");
        }

        if (!TryGet(task, "proxyPort", out JsonElement port) || port.ValueKind != JsonValueKind.Number
            || !port.TryGetInt32(out int p) || p is < 1 or > 65535)
        {
            return ApiError.Of(ErrorCodes.ProxyMissing, "task.proxyPort must be an integer 1-65535");
        }

        if (rule != ProxyRule.Optional
            && (!NonEmpty(GetString(task, "proxyLogin")) || !NonEmpty(GetString(task, "proxyPassword"))))
        {
            return ApiError.Of(ErrorCodes.ProxyMissing, rule == ProxyRule.Required
                ? "this task needs proxyLogin and proxyPassword too"
                : "this task does not support IP-authorised proxies: give proxyLogin and proxyPassword");
        }

        return null;
    }

    private static Dictionary<string, string> BuildTypeNames()
    {
        string[] current =
        [
            "ImageToTextTask", "ComplexImageTask", "RecaptchaV2Task", "RecaptchaV2EnterpriseTask", "RecaptchaV3TaskProxyless",
            "RecaptchaV3EnterpriseTask", "TurnstileTask", "GeeTestTask", "FunCaptchaTask", "HCaptchaTask", "AmazonTask",
            "BinanceTask", "ProsopoTask", "MTCaptchaTask", "YidunTask", "CustomTask",
        ];
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in current)
        {
            names[name] = name;
        }

        names["NoCaptchaTask"] = "RecaptchaV2Task";
        names["NoCaptchaTaskProxyless"] = "RecaptchaV2Task";
        names["RecaptchaV2TaskProxyless"] = "RecaptchaV2Task";
        names["RecaptchaV2EnterpriseTaskProxyless"] = "RecaptchaV2EnterpriseTask";
        names["GeeTestTaskProxyless"] = "GeeTestTask";
        names["TurnstileTaskProxyless"] = "TurnstileTask";
        names["FunCaptchaTaskProxyless"] = "FunCaptchaTask";
        names["HCaptchaTaskProxyless"] = "HCaptchaTask";
        names["BinanceTaskProxyless"] = "BinanceTask";
        names["ProsopoTaskProxyless"] = "ProsopoTask";
        return names;
    }
}
