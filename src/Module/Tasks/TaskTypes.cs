using System;
using System.Collections.Generic;
using System.Linq;

namespace CapMonster.Tasks
{
    /// <summary>Whether a task type takes a proxy of the caller's.</summary>
    internal enum ProxyRule
    {
        /// <summary>No proxy fields (image tasks, reCAPTCHA v3): giving one is an error.</summary>
        None,

        /// <summary>Proxy fields optional; without them the service's own proxies are used.</summary>
        Optional,

        /// <summary>All five proxy fields required.</summary>
        Required,
    }

    /// <summary>
    /// One row of the task-type table: everything the module knows about a task type (or variant) in one place.
    /// Field names are the API's JSON names; "metadata.x" lives in the task's metadata object; "a|b" means either.
    /// Parameters are named after the last part in PascalCase (websiteURL is -WebsiteUrl), except iv.
    /// </summary>
    internal sealed class TaskTypeRow
    {
        internal TaskTypeRow(
            string name, string apiType, string? taskClass, string[] required, string[] optional, ProxyRule proxy,
            CaptchaKind kind, double firstPollSeconds, int timeoutSeconds, string? mainAnswer,
            string[]? legacyTypes = null, string? variantField = null, string? variantValue = null, string[]? allowEmpty = null)
        {
            Name = name;
            ApiType = apiType;
            Class = taskClass;
            Required = required;
            Optional = optional;
            Proxy = proxy;
            Kind = kind;
            FirstPoll = TimeSpan.FromSeconds(firstPollSeconds);
            DefaultTimeout = TimeSpan.FromSeconds(timeoutSeconds);
            MainAnswer = mainAnswer;
            LegacyTypes = legacyTypes ?? Array.Empty<string>();
            VariantField = variantField;
            VariantValue = variantValue;
            AllowEmpty = allowEmpty ?? Array.Empty<string>();
            AllFields = required.Concat(optional).SelectMany(f => f.Split('|')).Distinct(StringComparer.Ordinal).ToArray();
        }

        /// <summary>The friendly name -Type takes, e.g. RecaptchaV2.</summary>
        internal string Name { get; }

        /// <summary>The type the current API documentation uses, which is what is sent.</summary>
        internal string ApiType { get; }

        /// <summary>The task's class (ComplexImageTask, CustomTask), sent as "class".</summary>
        internal string? Class { get; }

        /// <summary>Required fields; an entry "a|b" is satisfied by either.</summary>
        internal IReadOnlyList<string> Required { get; }

        internal IReadOnlyList<string> Optional { get; }

        internal ProxyRule Proxy { get; }

        /// <summary>Which report method a wrong answer goes to.</summary>
        internal CaptchaKind Kind { get; }

        /// <summary>How long after creation the first poll comes: about the type's earliest solve time.</summary>
        internal TimeSpan FirstPoll { get; }

        /// <summary>How long Wait-CapMonsterTask waits by default.</summary>
        internal TimeSpan DefaultTimeout { get; }

        /// <summary>The solution field that is the answer; null when the whole solution is.</summary>
        internal string? MainAnswer { get; }

        /// <summary>Older API type names that mean this row.</summary>
        internal IReadOnlyList<string> LegacyTypes { get; }

        /// <summary>For variants of one API type: the field that tells them apart and its value (null = absent).</summary>
        internal string? VariantField { get; }

        internal string? VariantValue { get; }

        /// <summary>Required fields that may be an empty string (the API takes "" for them).</summary>
        internal IReadOnlyList<string> AllowEmpty { get; }

        /// <summary>Every field name the row takes, alternatives split, metadata prefixes kept.</summary>
        internal IReadOnlyList<string> AllFields { get; }

    }

    /// <summary>The task-type table, and how names and fields map to parameters.</summary>
    internal static class TaskTypes
    {
        internal const string MetadataPrefix = "metadata.";
        private const string Ua = "userAgent";
        private const string Url = "websiteURL";
        private const string Key = "websiteKey";

        // Solve times from the reference: image tasks answer in 0.3-6 s, token tasks in 5-80 s.
        private const double ImageFirst = 0.35;
        private const double TokenFirst = 1;

        /// <summary>The first poll with nocache: the service solves from scratch, which takes longer.</summary>
        internal static readonly TimeSpan NoCacheFirstPoll = TimeSpan.FromSeconds(10);

        /// <summary>The profile of a type the table does not know (sent with -Task).</summary>
        internal static readonly TaskTypeRow Unknown = new("Custom", "", null, [], [], ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, null);

        internal static readonly IReadOnlyList<TaskTypeRow> Rows =
        [
            new("ImageToText", "ImageToTextTask", null, ["body"], ["capMonsterModule", "recognizingThreshold", "case", "numeric", "math"],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "text"),
            new("RecaptchaV2", "RecaptchaV2Task", null, [Url, Key], ["recaptchaDataSValue", Ua, "cookies", "isInvisible", "nocache"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "gRecaptchaResponse",
                legacyTypes: ["NoCaptchaTask", "NoCaptchaTaskProxyless", "RecaptchaV2TaskProxyless"]),
            new("RecaptchaV2Enterprise", "RecaptchaV2EnterpriseTask", null, [Url, Key], ["pageAction", "enterprisePayload", "apiDomain", Ua, "cookies"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "gRecaptchaResponse", legacyTypes: ["RecaptchaV2EnterpriseTaskProxyless"]),
            new("RecaptchaV3", "RecaptchaV3TaskProxyless", null, [Url, Key], ["minScore", "pageAction", "isEnterprise", "nocache"],
                ProxyRule.None, CaptchaKind.Token, TokenFirst, 120, "gRecaptchaResponse"),
            new("RecaptchaV3Enterprise", "RecaptchaV3EnterpriseTask", null, [Url, Key], ["minScore", "pageAction"],
                ProxyRule.None, CaptchaKind.Token, TokenFirst, 120, "gRecaptchaResponse"),
            new("HCaptcha", "HCaptchaTask", null, [Url, Key], ["isInvisible", "data", Ua, "cookies", "fallbackToActualUA"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "gRecaptchaResponse", legacyTypes: ["HCaptchaTaskProxyless"]),
            new("FunCaptcha", "FunCaptchaTask", null, [Url, "websitePublicKey"], ["data", "funcaptchaApiJSSubdomain", Ua, "cookies"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "token", legacyTypes: ["FunCaptchaTaskProxyless"]),
            new("GeeTest", "GeeTestTask", null, [Url, "gt", "challenge"], ["version", "geetestApiServerSubdomain", "geetestGetLib", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, null, legacyTypes: ["GeeTestTaskProxyless"], variantField: "version", variantValue: null),
            new("GeeTest", "GeeTestTask", null, [Url, "gt", "version"], ["initParameters", "geetestApiServerSubdomain", "geetestGetLib", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, null, legacyTypes: ["GeeTestTaskProxyless"], variantField: "version", variantValue: "4"),
            new("Turnstile", "TurnstileTask", null, [Url, Key], ["pageAction", "data", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, "token", legacyTypes: ["TurnstileTaskProxyless"], variantField: "cloudflareTaskType", variantValue: null),
            new("Turnstile", "TurnstileTask", null, [Url, Key, "cloudflareTaskType", "pageAction", Ua, "data", "pageData"], ["apiJsUrl"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, "token", legacyTypes: ["TurnstileTaskProxyless"], variantField: "cloudflareTaskType", variantValue: "token"),
            new("Turnstile", "TurnstileTask", null, [Url, Key, "cloudflareTaskType", "htmlPageBase64", Ua], [],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 120, "cf_clearance", variantField: "cloudflareTaskType", variantValue: "cf_clearance", allowEmpty: [Key]),
            new("Turnstile", "TurnstileTask", null, [Url, Key, "cloudflareTaskType", "htmlPageBase64", Ua], [],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 120, "cf_clearance", variantField: "cloudflareTaskType", variantValue: "wait_room", allowEmpty: [Key]),
            new("ComplexImageRecaptcha", "ComplexImageTask", "recaptcha", ["imageUrls|imagesBase64", "metadata.Grid", "metadata.TaskDefinition|metadata.Task"], [Ua, Url],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "answer"),
            new("ComplexImageHCaptcha", "ComplexImageTask", "hcaptcha", ["imageUrls|imagesBase64", "metadata.Task"], ["exampleImageUrls", "exampleImagesBase64", Ua, Url],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "answer"),
            new("ComplexImageFunCaptcha", "ComplexImageTask", "funcaptcha", ["imageUrls|imagesBase64", "metadata.Task"], [Ua, Url],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "answer"),
            new("ComplexImageRecognition", "ComplexImageTask", "recognition", ["imagesBase64", "metadata.Task"], ["metadata.TaskArgument", "metadata.PayloadType"],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "answer"),
            new("Amazon", "AmazonTask", null, [Url, "captchaScript|challengeScript"], [Key, "captchaScript", "challengeScript", "context", "iv", "cookieSolution", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, null, allowEmpty: [Key, "captchaScript", "context", "iv"]),
            new("Binance", "BinanceTask", null, [Url, Key, "validateId"], [Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, "token", legacyTypes: ["BinanceTaskProxyless"]),
            new("Prosopo", "ProsopoTask", null, [Url, Key], [],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "token", legacyTypes: ["ProsopoTaskProxyless"]),
            new("MTCaptcha", "MTCaptchaTask", null, [Url, Key], ["pageAction", "isInvisible", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "token"),
            new("Yidun", "YidunTask", null, [Url, Key], [Ua, "yidunGetLib", "yidunApiServerSubdomain", "challenge", "hcg", "hct"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "token"),
            new("DataDome", "CustomTask", "DataDome", [Url, "metadata.captchaUrl|metadata.htmlPageBase64", "metadata.datadomeCookie"], ["metadata.datadomeVersion", Ua],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 180, "domains"),
            new("TenDI", "CustomTask", "TenDI", [Url, Key], ["metadata.captchaUrl", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
            new("Basilisk", "CustomTask", "Basilisk", [Url, Key], [Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
            new("Imperva", "CustomTask", "Imperva", [Url, "metadata.incapsulaScriptUrl", "metadata.incapsulaCookies"], ["metadata.reese84UrlEndpoint", Ua],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 120, "domains"),
            new("Temu", "CustomTask", "Temu", [Url, "metadata.cookie"], [Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "domains"),
            new("Castle", "CustomTask", "Castle", [Url, Key, "metadata.wUrl", "metadata.swUrl"], ["metadata.count", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
            new("Tspd", "CustomTask", "tspd", [Url, "metadata.tspdCookie", "metadata.htmlPageBase64", Ua], [],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 180, "Domains"),
            new("Hunt", "CustomTask", "HUNT", [Url, "metadata.apiGetLib"], ["metadata.data", Ua],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 180, "data"),
            new("Altcha", "CustomTask", "altcha", [Url, Key, "metadata.challenge", "metadata.iterations", "metadata.salt", "metadata.signature"], [Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, "data", allowEmpty: [Key]),
            new("Alibaba", "CustomTask", "alibaba", [Url, "metadata.sceneId", "metadata.prefix"], [Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
        ];

        /// <summary>The friendly names, for -Type's completion and help, in table order.</summary>
        internal static IEnumerable<string> Names => Rows.Select(r => r.Name).Distinct(StringComparer.Ordinal);

        /// <summary>
        /// The rows a name means: a friendly name (ImageToText), a current API type (ImageToTextTask) or a legacy one
        /// (NoCaptchaTaskProxyless), case-insensitive. Several rows come back for a type with variants.
        /// </summary>
        internal static IReadOnlyList<TaskTypeRow> Find(string name) => ByName.GetOrAdd(name, n => Rows.Where(r =>
            string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase)
            || (r.Class is null && string.Equals(r.ApiType, n, StringComparison.OrdinalIgnoreCase))
            || r.LegacyTypes.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray());

        // Every input of a batch names its type again: the answer is worked out once per name.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskTypeRow[]> ByName = new(StringComparer.Ordinal);

        /// <summary>The first row a name means (the first variant), or null.</summary>
        internal static TaskTypeRow? FindFirst(string name)
        {
            IReadOnlyList<TaskTypeRow> rows = Find(name);
            return rows.Count > 0 ? rows[0] : null;
        }

        /// <summary>The row for an API type and class as sent in a raw task object; <see cref="Unknown"/> when none.</summary>
        internal static TaskTypeRow ForApiType(string? apiType, string? taskClass) =>
            Rows.FirstOrDefault(r =>
                (string.Equals(r.ApiType, apiType, StringComparison.OrdinalIgnoreCase) || r.LegacyTypes.Contains(apiType ?? "", StringComparer.OrdinalIgnoreCase))
                && (r.Class is null || string.Equals(r.Class, taskClass, StringComparison.OrdinalIgnoreCase)))
            ?? Unknown;

        /// <summary>The parameter that carries a field: websiteURL is WebsiteURL (case-insensitive), iv is InitializationVector.</summary>
        internal static string ParameterName(string field)
        {
            string name = field.StartsWith(MetadataPrefix, StringComparison.Ordinal) ? field.Substring(MetadataPrefix.Length) : field;
            // -Iv would be the alias PowerShell keeps for -InformationVariable.
            return name == "iv" ? "InitializationVector" : char.ToUpperInvariant(name[0]) + name.Substring(1);
        }

        /// <summary>The JSON name a field has inside its object: without the metadata prefix.</summary>
        internal static string JsonName(string field) =>
            field.StartsWith(MetadataPrefix, StringComparison.Ordinal) ? field.Substring(MetadataPrefix.Length) : field;

        internal static bool IsMetadata(string field) => field.StartsWith(MetadataPrefix, StringComparison.Ordinal);
    }
}
