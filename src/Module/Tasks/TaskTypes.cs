using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

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
            string[]? legacyTypes = null, string? variantField = null, string? variantValue = null, string[]? allowEmpty = null, bool deprecated = false,
            string? imageField = null, bool imagesInOneTask = false)
        {
            Name = name;
            ApiType = apiType;
            Class = taskClass;
            Required = required;
            Optional = optional.Contains(TaskTypes.NoCache) ? optional : [.. optional, TaskTypes.NoCache];
            Proxy = proxy;
            Kind = kind;
            FirstPoll = TimeSpan.FromSeconds(firstPollSeconds);
            DefaultTimeout = TimeSpan.FromSeconds(timeoutSeconds);
            MainAnswer = mainAnswer;
            LegacyTypes = legacyTypes ?? Array.Empty<string>();
            VariantField = variantField;
            VariantValue = variantValue;
            AllowEmpty = allowEmpty ?? Array.Empty<string>();
            Deprecated = deprecated;
            ImageField = imageField;
            ImagesInOneTask = imagesInOneTask;
            AllFields = Required.Concat(Optional).SelectMany(f => f.Split('|')).Distinct(StringComparer.Ordinal).ToArray();
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

        /// <summary>A type the documentation has removed: still sent, with a warning, for accounts that may still have it.</summary>
        internal bool Deprecated { get; }

        /// <summary>The field an image given as a file, a path or bytes goes to (base64); null for a type that takes no image.</summary>
        internal string? ImageField { get; }

        /// <summary>Whether all images go to one task (ComplexImage's imagesBase64) rather than one task per image (ImageToText's body).</summary>
        internal bool ImagesInOneTask { get; }

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
        private const string Domains = "domains";
        private const string ImagesBase64 = "imagesBase64";

        /// <summary>nocache is a task option of every type: the official JS client sends it on every task it builds.</summary>
        internal const string NoCache = "nocache";

        private static readonly string[] TurnstileFields = ["cloudflareTaskType", "pageAction", "data", "pageData", "htmlPageBase64", Ua, "apiJsUrl"];

        // Solve times from the reference: image tasks answer in 0.3-6 s, token tasks in 5-80 s.
        private const double ImageFirst = 0.35;
        private const double TokenFirst = 1;

        /// <summary>The first poll with nocache: the service solves from scratch, which takes longer.</summary>
        internal static readonly TimeSpan NoCacheFirstPoll = TimeSpan.FromSeconds(10);

        /// <summary>The profile of a type the table does not know (sent with -Task).</summary>
        internal static readonly TaskTypeRow Unknown = new("Custom", "", null, [], [], ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, null);

        // The fields are the union of the API documentation and what the official JS, Python and .NET clients send
        // (their request classes, audited for issue 11): what any of them sends, the service takes.
        internal static readonly IReadOnlyList<TaskTypeRow> Rows =
        [
            new("ImageToText", "ImageToTextTask", null, ["body"], ["capMonsterModule", "recognizingThreshold", "case", "numeric", "math"],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "text", imageField: "body"),
            new("RecaptchaV2", "RecaptchaV2Task", null, [Url, Key], ["recaptchaDataSValue", Ua, "cookies", "isInvisible"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "gRecaptchaResponse",
                legacyTypes: ["NoCaptchaTask", "NoCaptchaTaskProxyless", "RecaptchaV2TaskProxyless"]),
            new("RecaptchaV2Enterprise", "RecaptchaV2EnterpriseTask", null, [Url, Key], ["pageAction", "enterprisePayload", "apiDomain", "recaptchaDataSValue", Ua, "cookies"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "gRecaptchaResponse", legacyTypes: ["RecaptchaV2EnterpriseTaskProxyless"]),
            new("RecaptchaV3", "RecaptchaV3TaskProxyless", null, [Url, Key], ["minScore", "pageAction", "isEnterprise"],
                ProxyRule.None, CaptchaKind.Token, TokenFirst, 120, "gRecaptchaResponse"),
            new("RecaptchaV3Enterprise", "RecaptchaV3EnterpriseTask", null, [Url, Key], ["minScore", "pageAction", Ua],
                ProxyRule.None, CaptchaKind.Token, TokenFirst, 120, "gRecaptchaResponse"),
            new("HCaptcha", "HCaptchaTask", null, [Url, Key], ["isInvisible", "data", Ua, "cookies", "fallbackToActualUA"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "gRecaptchaResponse", legacyTypes: ["HCaptchaTaskProxyless"]),
            new("FunCaptcha", "FunCaptchaTask", null, [Url, "websitePublicKey"], ["data", "funcaptchaApiJSSubdomain", Ua, "cookies"],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "token", legacyTypes: ["FunCaptchaTaskProxyless"]),
            new("GeeTest", "GeeTestTask", null, [Url, "gt", "challenge"], ["version", "initParameters", "geetestApiServerSubdomain", "geetestGetLib", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, null, legacyTypes: ["GeeTestTaskProxyless"], variantField: "version", variantValue: null),
            new("GeeTest", "GeeTestTask", null, [Url, "gt", "version"], ["challenge", "initParameters", "geetestApiServerSubdomain", "geetestGetLib", Ua],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, null, legacyTypes: ["GeeTestTaskProxyless"], variantField: "version", variantValue: "4"),
            // The .NET and Python clients send every Turnstile field on every variant: only what is required differs.
            new("Turnstile", "TurnstileTask", null, [Url, Key], TurnstileFields,
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, "token", legacyTypes: ["TurnstileTaskProxyless"], variantField: "cloudflareTaskType", variantValue: null),
            new("Turnstile", "TurnstileTask", null, [Url, Key, "cloudflareTaskType", "pageAction", Ua, "data", "pageData"], TurnstileFields,
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, "token", legacyTypes: ["TurnstileTaskProxyless"], variantField: "cloudflareTaskType", variantValue: "token"),
            new("Turnstile", "TurnstileTask", null, [Url, Key, "cloudflareTaskType", "htmlPageBase64", Ua], TurnstileFields,
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 120, "cf_clearance", variantField: "cloudflareTaskType", variantValue: "cf_clearance", allowEmpty: [Key]),
            new("Turnstile", "TurnstileTask", null, [Url, Key, "cloudflareTaskType", "htmlPageBase64", Ua], TurnstileFields,
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 120, "cf_clearance", variantField: "cloudflareTaskType", variantValue: "wait_room", allowEmpty: [Key]),
            new("ComplexImageRecaptcha", "ComplexImageTask", "recaptcha", ["imageUrls|imagesBase64", "metadata.Grid", "metadata.TaskDefinition|metadata.Task"], [Ua, Url],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "answer", imageField: ImagesBase64, imagesInOneTask: true),
            // Removed from the documentation (the service answers ERROR_TASK_NOT_SUPPORTED) but still in the clients.
            new("ComplexImageHCaptcha", "ComplexImageTask", "hcaptcha", ["imageUrls|imagesBase64", "metadata.Task"], ["exampleImageUrls", "exampleImagesBase64", "metadata.Grid", "metadata.TaskDefinition", Ua, Url],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "answer", deprecated: true, imageField: ImagesBase64, imagesInOneTask: true),
            new("ComplexImageFunCaptcha", "ComplexImageTask", "funcaptcha", ["imageUrls|imagesBase64", "metadata.Task"], ["metadata.Grid", "metadata.TaskDefinition", Ua, Url],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "answer", deprecated: true, imageField: ImagesBase64, imagesInOneTask: true),
            new("ComplexImageRecognition", "ComplexImageTask", "recognition", ["imagesBase64", "metadata.Task"], ["imageUrls", "metadata.TaskArgument", "metadata.PayloadType", Ua, Url],
                ProxyRule.None, CaptchaKind.Image, ImageFirst, 60, "answer", imageField: ImagesBase64, imagesInOneTask: true),
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
            // Every CustomTask class takes userAgent and domains (the .NET client's base class sends both).
            new("DataDome", "CustomTask", "DataDome", [Url, "metadata.captchaUrl|metadata.htmlPageBase64", "metadata.datadomeCookie"], ["metadata.datadomeVersion", Ua, Domains],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 180, "domains"),
            new("TenDI", "CustomTask", "TenDI", [Url, Key], ["metadata.captchaUrl", Ua, Domains],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
            new("Basilisk", "CustomTask", "Basilisk", [Url, Key], [Ua, Domains],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
            // Imperva's metadata names drifted: the documentation's first, then the older names some clients still send.
            new("Imperva", "CustomTask", "Imperva", [Url, "metadata.incapsulaScriptUrl|metadata.incapsulaScriptBase64", "metadata.incapsulaCookies|metadata.incapsulaCookie|metadata.incapsulaSessionCookie"],
                ["metadata.reese84UrlEndpoint", Ua, Domains],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 120, "domains"),
            new("Temu", "CustomTask", "Temu", [Url, "metadata.cookie"], [Ua, Domains],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "domains"),
            new("Castle", "CustomTask", "Castle", [Url, Key, "metadata.wUrl", "metadata.swUrl"], ["metadata.count", Ua, Domains],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
            new("Tspd", "CustomTask", "tspd", [Url, "metadata.tspdCookie", "metadata.htmlPageBase64", Ua], [Domains],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 180, "Domains"),
            new("Hunt", "CustomTask", "HUNT", [Url, "metadata.apiGetLib"], ["metadata.data", Ua, Domains],
                ProxyRule.Required, CaptchaKind.Token, TokenFirst, 180, "data"),
            new("Altcha", "CustomTask", "altcha", [Url, Key, "metadata.challenge", "metadata.iterations", "metadata.salt", "metadata.signature"], [Ua, Domains],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 120, "data", allowEmpty: [Key]),
            new("Alibaba", "CustomTask", "alibaba", [Url, "metadata.sceneId", "metadata.prefix"],
                ["metadata.userId", "metadata.userUserId", "metadata.verifyType", "metadata.region", "metadata.UserCertifyId", "metadata.apiGetLib", Ua, Domains],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
            new("Friendly", "CustomTask", "friendly", [Url, Key, "metadata.apiGetLib"], [Ua, Domains],
                ProxyRule.Optional, CaptchaKind.Token, TokenFirst, 180, "data"),
        ];

        /// <summary>
        /// The fields that have no parameter and go in -Metadata or a piped object: Task because -Task is the whole
        /// task object, Alibaba's rarely needed ones, Imperva's older names. Every other field has its parameter below.
        /// </summary>
        internal static readonly IReadOnlyList<string> WithoutParameter =
        [
            "metadata.Task", "metadata.userId", "metadata.userUserId", "metadata.verifyType", "metadata.region", "metadata.UserCertifyId",
            "metadata.incapsulaScriptBase64", "metadata.incapsulaCookie", "metadata.incapsulaSessionCookie",
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

        /// <summary>Whether a name given by a caller means a field: its parameter name or its JSON name, any case.</summary>
        internal static bool Means(string field, string name) =>
            string.Equals(ParameterName(field), name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(JsonName(field), name, StringComparison.OrdinalIgnoreCase);

        /// <summary>The field of <paramref name="row"/> a name means, or null.</summary>
        internal static string? FieldOf(TaskTypeRow row, string name) => row.AllFields.FirstOrDefault(f => Means(f, name));

        /// <summary>The field a name means in any row of the table (the first row's form), or null when no type takes it.</summary>
        internal static string? AnyField(string name) => Rows.SelectMany(r => r.AllFields).FirstOrDefault(f => Means(f, name));

        /// <summary>
        /// The other variant of the same API type a name belongs to, when <paramref name="row"/> does not take it: certainly
        /// a mistake (a Grid on a recognition task). CustomTask classes are different captchas, not variants.
        /// </summary>
        internal static TaskTypeRow? OtherVariantWith(TaskTypeRow row, string name) =>
            row.ApiType == "CustomTask" || FieldOf(row, name) is not null
                ? null
                : Rows.FirstOrDefault(r => !ReferenceEquals(r, row) && r.ApiType == row.ApiType && FieldOf(r, name) is not null);

        /// <summary>
        /// Whether a name is in the API's vocabulary: every CapMonster API JSON field name starts with a lowercase
        /// letter (type, websiteURL, nocache, recaptchaDataSValue). A piped object's unknown key in that form may be a
        /// field the service added; in any other form (Id, Notes) it is the spreadsheet's own bookkeeping.
        /// </summary>
        internal static bool IsApiFieldName(string name) => name.Length > 0 && char.IsLower(name[0]);

        /// <summary>The JSON name a field has inside its object: without the metadata prefix.</summary>
        internal static string JsonName(string field) =>
            field.StartsWith(MetadataPrefix, StringComparison.Ordinal) ? field.Substring(MetadataPrefix.Length) : field;

        internal static bool IsMetadata(string field) => field.StartsWith(MetadataPrefix, StringComparison.Ordinal);
    }
}

namespace CapMonster.Commands
{
    // The parameter of each task field, beside the rows that use it: a type with a new field is one change to this
    // file (a partial of the cmdlets' base, so the parameters stay ordinary compiled properties that Get-Command,
    // the help and Windows PowerShell 5.1 see as before). A conventions test holds the two to each other.
    public abstract partial class TaskParametersCmdlet
    {
#pragma warning disable CS1591 // Each task field is documented in the help, under its parameter.
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Body { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? CapMonsterModule { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, ValidateRange(0, 100)] public int RecognizingThreshold { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public SwitchParameter Case { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, ValidateRange(0, 1)] public int Numeric { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public SwitchParameter Math { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? WebsiteUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, AllowEmptyString] public string? WebsiteKey { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? WebsitePublicKey { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? RecaptchaDataSValue { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? UserAgent { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public object? Cookies { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public SwitchParameter IsInvisible { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public SwitchParameter NoCache { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? PageAction { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public Hashtable? EnterprisePayload { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? ApiDomain { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, ValidateRange(0.1, 0.9)] public double MinScore { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public SwitchParameter IsEnterprise { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Data { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public SwitchParameter FallbackToActualUA { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? FuncaptchaApiJSSubdomain { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Gt { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Challenge { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, ValidateSet("3", "4")] public int Version { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? GeetestApiServerSubdomain { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? GeetestGetLib { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public Hashtable? InitParameters { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, ValidateSet("token", "cf_clearance", "wait_room")] public string? CloudflareTaskType { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? PageData { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? ApiJsUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? HtmlPageBase64 { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string[]? ImageUrls { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string[]? ImagesBase64 { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string[]? ExampleImageUrls { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string[]? ExampleImagesBase64 { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, ValidateSet("4x4", "3x3", "1x1")] public string? Grid { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? TaskDefinition { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? TaskArgument { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? PayloadType { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, AllowEmptyString] public string? CaptchaScript { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? ChallengeScript { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, AllowEmptyString] public string? Context { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, AllowEmptyString] public string? InitializationVector { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public SwitchParameter CookieSolution { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? ValidateId { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? YidunGetLib { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? YidunApiServerSubdomain { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Hcg { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public long Hct { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? CaptchaUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? DatadomeCookie { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? DatadomeVersion { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? IncapsulaScriptUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? IncapsulaCookies { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Reese84UrlEndpoint { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Cookie { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? WUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? SwUrl { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField, ValidateRange(1, 49)] public int Count { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? TspdCookie { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? ApiGetLib { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Iterations { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Salt { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Signature { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? SceneId { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string? Prefix { get; set; }
        [Parameter(ParameterSetName = TypedSet), TaskField] public string[]? Domains { get; set; }
#pragma warning restore CS1591
    }
}
