using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

/// <summary>What a task type does with the proxy fields.</summary>
internal enum ProxyRule
{
    /// <summary>Proxy fields are not part of the type; they are ignored.</summary>
    Ignored,

    /// <summary>No proxy, or type+address+port (login/password optional).</summary>
    Optional,

    /// <summary>As Optional, but an IP-authorised proxy (no login/password) is refused (GeeTest).</summary>
    OptionalWithLogin,

    /// <summary>All five proxy fields.</summary>
    Required,
}

/// <summary>
/// One row of <see cref="TaskTypeTable"/>: an API type, a class of ComplexImageTask or CustomTask, or a variant of
/// one (Turnstile's cloudflareTaskType, GeeTest's version, Amazon's cookieSolution). Everything the emulator knows
/// about it: the checks of createTask, the proxy rule, the price, the report kind, the solution and an example task.
/// </summary>
internal sealed record TaskTypeRow(string ApiType, TaskKind Kind, decimal Price)
{
    /// <summary>The task's class (ComplexImageTask, CustomTask), as the documentation spells it; matched ignoring case.</summary>
    public string? Class { get; init; }

    /// <summary>How the variants of this API type are told apart; the same instance on each of its rows.</summary>
    public VariantSelector? Selector { get; init; }

    /// <summary>This row's value of <see cref="Selector"/>.</summary>
    public string? Variant { get; init; }

    /// <summary>Older type names that mean this API type (any of its rows may list them).</summary>
    public IReadOnlyList<string> LegacyTypes { get; init; } = [];

    /// <summary>The checks createTask makes, in order; the first failing one answers. The proxy is checked last.</summary>
    public IReadOnlyList<FieldCheck> Checks { get; init; } = [];

    public ProxyRule Proxy { get; init; } = ProxyRule.Optional;

    /// <summary>The price is per <see cref="TaskInput.Count"/> (Castle's tokens), not per task.</summary>
    public bool PricePerCount { get; init; }

    /// <summary>Writes the solution's fields (the object's braces are written around them).</summary>
    public required Action<System.Text.Json.Utf8JsonWriter, SolutionInput> Solve { get; init; }

    /// <summary>A minimal valid task (JSON) of this row: the listing shows it and its solution; tests create it.</summary>
    public required string Example { get; init; }

    /// <summary>How the solution's values are made, where that is more than <see cref="Solutions.Value"/>.</summary>
    public string? SolutionNote { get; init; }

    /// <summary>What the listing and the task's state call this row: the variant, else the class.</summary>
    public string? VariantName => Variant ?? Class;

    /// <summary>The price in cost units.</summary>
    public long CostUnits => decimal.ToInt64(Price * TaskRules.UnitsPerDollar);
}

/// <summary>How the rows of one API type are told apart: the field, its reading (null = not a known variant), and the error text then.</summary>
internal sealed record VariantSelector(string Field, Func<JsonElement, string?> Read, string Unknown);

/// <summary>
/// One check of a createTask task: <see cref="Field"/> is the field's path ("metadata.x"; "a|b" when either will do),
/// <see cref="Error"/> the code a missing field gets, <see cref="Note"/> what else is checked.
/// </summary>
internal sealed record FieldCheck(string Field, string? Error, Func<TaskInput, ApiError?> Run)
{
    /// <summary>An optional field that is checked when given.</summary>
    public bool Optional { get; init; }

    public string? Note { get; init; }

    /// <summary>How the listing shows the check.</summary>
    public string Describe() => Note is null ? Field : Field + " (" + Note + ")";
}

/// <summary>A task being checked, and what its checks learned for the solution.</summary>
internal sealed class TaskInput(JsonElement task, string clientKey)
{
    public JsonElement Task { get; } = task;

    /// <summary>task.metadata; an undefined element when absent, which every reader treats as empty.</summary>
    public JsonElement Metadata { get; } = TryGet(task, "metadata", out JsonElement meta) ? meta : default;

    /// <summary>The full client key (its <c>__recognizingthreshold_N</c> suffix matters).</summary>
    public string ClientKey { get; } = clientKey;

    /// <summary>ComplexImageTask recaptcha: the tiles answered; Castle: the tokens. 1 unless a check sets it.</summary>
    public int Count { get; set; } = 1;

    /// <summary>Images given (ComplexImageTask).</summary>
    public int Images { get; set; }

    public byte[]? ImageHash { get; set; }

    public string? FailCode { get; set; }

    /// <summary>ComplexImageTask recognition: the known task named in metadata.Task, else null.</summary>
    public RecognitionTask? Recognition { get; set; }
}

/// <summary>One ComplexImageTask recognition task the emulator knows: its image count, extra check and answer.</summary>
internal sealed record RecognitionTask(string Name, int Images, string AnswerType, Action<System.Text.Json.Utf8JsonWriter, long> Answer)
{
    /// <summary>A further requirement on task.metadata, beyond the image count.</summary>
    public Func<JsonElement, ApiError?>? Extra { get; init; }
}

/// <summary>What createTask learned from a valid task: its row and what the solution needs.</summary>
internal sealed class TaskSpec
{
    public required TaskTypeRow Row { get; init; }

    public string Type => Row.ApiType;

    /// <summary>class, cloudflareTaskType, GeeTest version or Amazon answer form; null when the type has one form.</summary>
    public string? Variant => Row.VariantName;

    public TaskKind Kind => Row.Kind;

    /// <summary>Price in units of 0.0000001 (1e-7) so balances can be updated with Interlocked.</summary>
    public long CostUnits { get; init; }

    /// <summary>An error the task ends in instead of a solution (ImageToText below its recognizingThreshold).</summary>
    public string? FailCode { get; init; }

    /// <summary>ImageToText: SHA-256 of the decoded image.</summary>
    public byte[]? ImageHash { get; init; }

    /// <summary>ComplexImageTask recaptcha: number of tiles answered; Castle: number of tokens.</summary>
    public int Count { get; init; }

    /// <summary>ComplexImageTask recognition: the known task, or null for another name.</summary>
    public RecognitionTask? Recognition { get; init; }
}

/// <summary>
/// Validation of createTask's task against <see cref="TaskTypeTable"/>, the checks the table's rows are made of,
/// and the listing of the table (<c>GET /emulator/tasktypes</c>, <c>--list-task-types</c>).
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

    /// <summary>The task id and creation time of the listing's example solutions.</summary>
    public const long ExampleTaskId = EmulatorState.FirstTaskId;

    private static readonly DateTimeOffset ExampleCreatedAt = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] ProxyFields = ["proxyType", "proxyAddress", "proxyPort", "proxyLogin", "proxyPassword"];

    /// <summary>Accepted type names (current and legacy, any case) to the current name.</summary>
    private static readonly Dictionary<string, string> TypeNames = BuildTypeNames();

    /// <summary>The rows of each API type, in table order.</summary>
    private static readonly Dictionary<string, TaskTypeRow[]> RowsByType = TaskTypeTable.Rows
        .GroupBy(r => r.ApiType, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>Maps a type name (current or legacy, any case) to the current name; null when unknown.</summary>
    public static string? CanonicalType(string? type) =>
        type is not null && TypeNames.TryGetValue(type, out string? name) ? name : null;

    /// <summary>The legacy names of an API type, from all its rows.</summary>
    public static IEnumerable<string> LegacyTypesOf(string apiType) =>
        RowsByType[apiType].SelectMany(r => r.LegacyTypes).Distinct(StringComparer.Ordinal);

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

        ApiError? error = FindRow(task, RowsByType[type], out TaskTypeRow? row);
        if (error is not null)
        {
            return error;
        }

        var input = new TaskInput(task, clientKey);
        foreach (FieldCheck check in row!.Checks)
        {
            error = check.Run(input);
            if (error is not null)
            {
                return error;
            }
        }

        error = Proxy(task, row.Proxy);
        if (error is not null)
        {
            return error;
        }

        spec = new TaskSpec
        {
            Row = row,
            CostUnits = row.PricePerCount ? row.CostUnits * input.Count : row.CostUnits,
            FailCode = input.FailCode,
            ImageHash = input.ImageHash,
            Count = input.Count,
            Recognition = input.Recognition,
        };
        return null;
    }

    /// <summary>The row of a task among its API type's rows: by class, then by variant.</summary>
    private static ApiError? FindRow(JsonElement task, TaskTypeRow[] rows, out TaskTypeRow? row)
    {
        row = null;
        IEnumerable<TaskTypeRow> candidates = rows;
        if (rows[0].Class is not null)
        {
            string known = Choices(rows.Select(r => r.Class!));
            string? raw = GetString(task, "class");
            if (string.IsNullOrWhiteSpace(raw))
            {
                return ApiError.Of(ErrorCodes.TaskNotSupported, $"task.class is missing ({known})");
            }

            candidates = rows.Where(r => string.Equals(r.Class, raw, StringComparison.OrdinalIgnoreCase));
            if (!candidates.Any())
            {
                return ApiError.Of(ErrorCodes.TaskNotSupported, $"{rows[0].ApiType} class {raw} is not supported ({known})");
            }
        }

        TaskTypeRow first = candidates.First();
        if (first.Selector is { } selector)
        {
            string? variant = selector.Read(task);
            row = candidates.FirstOrDefault(r => r.Variant == variant);
            return row is null ? ApiError.Of(ErrorCodes.TaskNotSupported, selector.Unknown) : null;
        }

        row = first;
        return null;
    }

    private static string Choices(IEnumerable<string> names)
    {
        string[] all = [.. names];
        return all.Length == 1 ? all[0] : string.Join(", ", all[..^1]) + " or " + all[^1];
    }

    private static Dictionary<string, string> BuildTypeNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (TaskTypeRow row in TaskTypeTable.Rows)
        {
            names[row.ApiType] = row.ApiType;
            foreach (string legacy in row.LegacyTypes)
            {
                names[legacy] = row.ApiType;
            }
        }

        return names;
    }

    /// <summary>
    /// The table as JSON, one object per row: type, class, variant, legacy names, report kind, required and checked
    /// fields, proxy rule, price, solve time (the same for every type: <paramref name="latencyMinMs"/>-<paramref name="latencyMaxMs"/>),
    /// the solution's fields, and the example task with its solution.
    /// </summary>
    public static byte[] Listing(int latencyMinMs, int latencyMaxMs, string userAgent, bool indented = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions with { Indented = indented }))
        {
            string solveTime = string.Create(CultureInfo.InvariantCulture, $"{latencyMinMs}-{latencyMaxMs}");
            w.WriteStartArray();
            foreach (TaskTypeRow row in TaskTypeTable.Rows)
            {
                WriteRow(w, row, solveTime, userAgent);
            }

            w.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRow(Utf8JsonWriter w, TaskTypeRow row, string solveTime, string userAgent)
    {
        using JsonDocument example = JsonDocument.Parse(row.Example);
        if (Validate(example.RootElement, EmulatorOptions.DefaultKey, out TaskSpec? spec) is { } error)
        {
            throw new InvalidOperationException($"The example of {row.ApiType} {row.VariantName} is refused: {error.Description}");
        }

        using JsonDocument solution = JsonDocument.Parse(Solutions.Build(spec!, example.RootElement, ExampleTaskId, ExampleCreatedAt, userAgent));
        w.WriteStartObject();
        w.WriteString("type", row.ApiType);
        w.WriteString("class", row.Class);
        w.WriteString("variantField", row.Selector?.Field);
        w.WriteString("variant", row.Variant);
        WriteStrings(w, "legacyTypes", LegacyTypesOf(row.ApiType));
        w.WriteString("report", row.Kind switch
        {
            TaskKind.Image => "reportIncorrectImageCaptcha",
            TaskKind.Token => "reportIncorrectTokenCaptcha",
            _ => null,
        });
        WriteStrings(w, "required", row.Checks.Where(c => !c.Optional).Select(c => c.Describe()));
        WriteStrings(w, "checkedIfGiven", row.Checks.Where(c => c.Optional).Select(c => c.Describe()));
        w.WriteString("proxy", JsonNamingPolicy.CamelCase.ConvertName(row.Proxy.ToString()));
        w.WriteNumber("price", Normalize(row.Price));
        w.WriteString("pricePer", row.PricePerCount ? "token" : "task");
        w.WriteString("solveTimeMs", solveTime);
        WriteStrings(w, "solutionFields", solution.RootElement.EnumerateObject().Select(p => p.Name));
        w.WriteString("solutionNote", row.SolutionNote);
        w.WritePropertyName("example");
        example.RootElement.WriteTo(w);
        w.WritePropertyName("exampleSolution");
        solution.RootElement.WriteTo(w);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    // ---- The checks the table's rows are made of. Each names its field and the error a missing one gets. ----

    /// <summary>websiteURL: required (unless <paramref name="required"/> is false) and an absolute http(s) URL.</summary>
    public static FieldCheck Url(bool required = true) => new("websiteURL", ErrorCodes.InvalidDomain, i => CheckUrl(i.Task, required))
    {
        Optional = !required,
        Note = required ? null : "an http(s) URL",
    };

    /// <summary>A site key (websiteKey, gt, websitePublicKey): present and, unless <paramref name="allowEmpty"/>, not blank.</summary>
    public static FieldCheck SiteKey(string name = "websiteKey", bool allowEmpty = false) => new(name, ErrorCodes.InvalidSiteKey, i =>
    {
        string? value = GetString(i.Task, name);
        return value is null || (!allowEmpty && !NonEmpty(value))
            ? ApiError.Of(ErrorCodes.InvalidSiteKey, $"task.{name} is missing")
            : null;
    })
    { Note = allowEmpty ? "may be \"\"" : null };

    /// <summary>A non-empty string field of the task.</summary>
    public static FieldCheck Need(string name) => new(name, ErrorCodes.TaskAbsent, i =>
        NonEmpty(GetString(i.Task, name)) ? null : ApiError.Of(ErrorCodes.TaskAbsent, $"task.{name} is required"));

    /// <summary>A string field of the task that may be empty.</summary>
    public static FieldCheck Present(string name) => new(name, ErrorCodes.TaskAbsent, i => PresentIn(i.Task, name)) { Note = "may be \"\"" };

    public static FieldCheck UserAgent() => new("userAgent", ErrorCodes.WrongUserAgent, i =>
        NonEmpty(GetString(i.Task, "userAgent")) ? null : ApiError.Of(ErrorCodes.WrongUserAgent, "task.userAgent is required for this task"));

    /// <summary>A non-empty string in task.metadata (or a number, with <paramref name="numberOk"/>).</summary>
    public static FieldCheck NeedMeta(string name, bool numberOk = false) =>
        new("metadata." + name, ErrorCodes.TaskAbsent, i => MetaValue(i.Metadata, name, numberOk)) { Note = numberOk ? "string or number" : null };

    /// <summary>One of several names in task.metadata (the first is the documentation's).</summary>
    public static FieldCheck NeedMetaAny(params string[] names) =>
        new(string.Join('|', names.Select(n => "metadata." + n)), ErrorCodes.TaskAbsent, i =>
            names.Any(n => MetaValue(i.Metadata, n, numberOk: false) is null)
                ? null
                : ApiError.Of(ErrorCodes.TaskAbsent, $"task.metadata.{names[0]} (or {string.Join(", ", names[1..].Select(n => "task.metadata." + n))}) is required"));

    /// <summary>task.metadata as an object.</summary>
    public static FieldCheck MetadataObject() => new("metadata", ErrorCodes.TaskAbsent, i =>
        i.Metadata.ValueKind == JsonValueKind.Object ? null : ApiError.Of(ErrorCodes.TaskAbsent, "task.metadata is required"));

    /// <summary>An optional field that, when given, must pass <paramref name="run"/>.</summary>
    public static FieldCheck IfGiven(string field, string note, Func<TaskInput, ApiError?> run) => new(field, null, run) { Optional = true, Note = note };

    /// <summary>A check of its own (several fields, or a rule of one type).</summary>
    public static FieldCheck Rule(string field, string error, string? note, Func<TaskInput, ApiError?> run) => new(field, error, run) { Note = note };

    public static bool NonEmpty(string? value) => !string.IsNullOrWhiteSpace(value);

    public static ApiError? PresentIn(JsonElement task, string name) =>
        GetString(task, name) is not null ? null : ApiError.Of(ErrorCodes.TaskAbsent, $"task.{name} is required (may be empty)");

    public static ApiError? MetaValue(JsonElement meta, string name, bool numberOk)
    {
        if (TryGet(meta, name, out JsonElement value)
            && ((value.ValueKind == JsonValueKind.String && NonEmpty(value.GetString()))
                || (numberOk && value.ValueKind == JsonValueKind.Number)))
        {
            return null;
        }

        return ApiError.Of(ErrorCodes.TaskAbsent, $"task.metadata.{name} is required");
    }

    public static ApiError? CheckUrl(JsonElement task, bool required)
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

    /// <summary>A base64 image of <see cref="MinImageBytes"/> to <see cref="MaxImageBytes"/> decoded bytes.</summary>
    public static ApiError? DecodeImage(JsonElement value, string what, out byte[]? bytes)
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

    /// <summary>A non-empty array of base64 images; <paramref name="count"/> is how many.</summary>
    public static ApiError? DecodeImages(JsonElement array, string what, out int count)
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

    /// <summary>A non-empty array of http(s) URLs; <paramref name="count"/> is how many.</summary>
    public static ApiError? Urls(JsonElement urls, out int count)
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

    /// <summary>ImageToText's body: the image, whose hash the answer comes from.</summary>
    public static ApiError? ImageBody(TaskInput input)
    {
        if (!TryGet(input.Task, "body", out JsonElement body))
        {
            return ApiError.Of(ErrorCodes.ZeroCaptchaFileSize, "task.body is missing");
        }

        ApiError? error = DecodeImage(body, "task.body", out byte[]? bytes);
        if (error is null)
        {
            input.ImageHash = SHA256.HashData(bytes!);
        }

        return error;
    }

    /// <summary>The N of a <c>__recognizingthreshold_N</c> key suffix, or -1.</summary>
    internal static int ThresholdFromKey(string clientKey)
    {
        const string Prefix = "recognizingthreshold_";
        foreach (string part in clientKey.Split("__"))
        {
            if (part.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(part.AsSpan(Prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
            {
                return Math.Clamp(n, 0, 100);
            }
        }

        return -1;
    }

    private static ApiError? Proxy(JsonElement task, ProxyRule rule)
    {
        if (rule == ProxyRule.Ignored)
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
}
