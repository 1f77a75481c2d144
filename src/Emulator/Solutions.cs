using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static CapMonster.Emulator.JsonUtil;

namespace CapMonster.Emulator;

/// <summary>
/// Deterministic solutions: every value is a documented function of the task id and/or the input,
/// so tests can predict them (see README "Solution values").
/// </summary>
internal static class Solutions
{
    /// <summary>
    /// The generated string for solution field <paramref name="field"/> of task <paramref name="taskId"/>:
    /// <c>{field}-{taskId}-{h}</c>, h = the first 16 lowercase hex digits of SHA-256(UTF-8 "{taskId}:{field}").
    /// </summary>
    public static string Value(long taskId, string field)
    {
        string seed = string.Create(CultureInfo.InvariantCulture, $"{taskId}:{field}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed), hash);
        return string.Create(CultureInfo.InvariantCulture, $"{field}-{taskId}-{Convert.ToHexStringLower(hash[..8])}");
    }

    /// <summary>
    /// ImageToText answer from the SHA-256 of the decoded image: the first 6 hex digits (upper case when
    /// <paramref name="caseSensitive"/>); with <paramref name="numeric"/> 6 decimal digits (first 4 hash
    /// bytes as a big-endian uint32, mod 1,000,000, zero-padded); with <paramref name="math"/> the sum
    /// hash[0] % 10 + hash[1] % 10. Precedence: math, numeric, case.
    /// </summary>
    public static string ImageText(ReadOnlySpan<byte> imageHash, bool numeric, bool math, bool caseSensitive)
    {
        if (math)
        {
            return ((imageHash[0] % 10) + (imageHash[1] % 10)).ToString(CultureInfo.InvariantCulture);
        }

        if (numeric)
        {
            return (BinaryPrimitives.ReadUInt32BigEndian(imageHash) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        }

        string hex = Convert.ToHexStringLower(imageHash[..3]);
        return caseSensitive ? hex.ToUpperInvariant() : hex;
    }

    /// <summary>Tile i of a ComplexImageTask recaptcha answer (and of bls_3x3) is true when (taskId + i) % 3 == 0.</summary>
    public static bool Tile(long taskId, int i) => (taskId + i) % 3 == 0;

    /// <summary>Builds the solution object of an accepted task as UTF-8 JSON.</summary>
    public static byte[] Build(TaskSpec spec, JsonElement task, long taskId, DateTimeOffset createdAt, string defaultUserAgent)
    {
        string userAgent = GetString(task, "userAgent") is { Length: > 0 } ua ? ua : defaultUserAgent;
        string host = Uri.TryCreate(GetString(task, "websiteURL"), UriKind.Absolute, out Uri? uri) ? uri.Host : "localhost";
        var input = new Input(spec, task, taskId, createdAt, userAgent, host);
        return Write(input, static (w, s) =>
        {
            w.WriteStartObject();
            WriteFields(w, s);
            w.WriteEndObject();
        });
    }

    private readonly record struct Input(TaskSpec Spec, JsonElement Task, long Id, DateTimeOffset CreatedAt, string UserAgent, string Host)
    {
        public string V(string field) => Value(Id, field);
    }

    private static void WriteFields(Utf8JsonWriter w, Input s)
    {
        TaskSpec spec = s.Spec;
        switch (spec.Type)
        {
            case "ImageToTextTask":
                w.WriteString("text", ImageText(spec.ImageHash, spec.Numeric, spec.Math, spec.CaseSensitive));
                break;
            case "ComplexImageTask" when spec.Variant == "recaptcha":
                w.WriteStartArray("answer");
                for (int i = 0; i < spec.Count; i++)
                {
                    w.WriteBooleanValue(Tile(s.Id, i));
                }

                w.WriteEndArray();
                break;
            case "ComplexImageTask":
                Recognition(w, s);
                break;
            case "RecaptchaV2Task" or "RecaptchaV3TaskProxyless" or "RecaptchaV3EnterpriseTask":
                w.WriteString("gRecaptchaResponse", s.V("gRecaptchaResponse"));
                break;
            case "RecaptchaV2EnterpriseTask":
                w.WriteString("gRecaptchaResponse", s.V("gRecaptchaResponse"));
                w.WriteString("userAgent", s.UserAgent);
                w.WriteStartObject("cookies");
                w.WriteString("nocookies", "true");
                w.WriteEndObject();
                break;
            case "TurnstileTask" when spec.Variant is "cf_clearance" or "wait_room":
                w.WriteString("cf_clearance", s.V("cf_clearance"));
                break;
            case "TurnstileTask" or "FunCaptchaTask" or "BinanceTask":
                w.WriteString("token", s.V("token"));
                w.WriteString("userAgent", s.UserAgent);
                break;
            case "GeeTestTask" when spec.Variant == "4":
                w.WriteString("captcha_id", GetString(s.Task, "gt"));
                w.WriteString("lot_number", s.V("lot_number"));
                w.WriteString("pass_token", s.V("pass_token"));
                w.WriteString("gen_time", s.CreatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                w.WriteString("captcha_output", s.V("captcha_output"));
                break;
            case "GeeTestTask":
                string validate = s.V("validate");
                w.WriteString("challenge", GetString(s.Task, "challenge"));
                w.WriteString("validate", validate);
                w.WriteString("seccode", validate + "|jordan");
                break;
            case "HCaptchaTask":
                w.WriteString("gRecaptchaResponse", s.V("gRecaptchaResponse"));
                w.WriteString("respKey", s.V("respKey"));
                w.WriteString("userAgent", s.UserAgent);
                break;
            case "AmazonTask" when spec.Variant == "cookies":
                w.WriteStartObject("cookies");
                w.WriteString("aws-waf-token", s.V("aws-waf-token"));
                w.WriteEndObject();
                w.WriteString("userAgent", s.UserAgent);
                break;
            case "AmazonTask":
                w.WriteString("captcha_voucher", s.V("captcha_voucher"));
                w.WriteString("existing_token", s.V("existing_token"));
                break;
            case "ProsopoTask" or "MTCaptchaTask" or "YidunTask":
                w.WriteString("token", s.V("token"));
                break;
            case "CustomTask":
                Custom(w, s);
                break;
            default:
                w.WriteString("token", s.V("token"));
                break;
        }
    }

    private static void Recognition(Utf8JsonWriter w, Input s)
    {
        long n = s.Id;
        string answerType;
        switch (s.Spec.RecognitionTask)
        {
            case "oocl_rotate_new" or "baidu":
                answerType = "NumericArray";
                w.WriteStartArray("answer");
                w.WriteNumberValue(n % 360);
                w.WriteEndArray();
                break;
            case "oocl_rotate_double_new":
                answerType = "NumericArray";
                w.WriteStartArray("answer");
                w.WriteNumberValue(n % 360);
                w.WriteNumberValue(n / 360 % 360);
                w.WriteEndArray();
                break;
            case "betpunch_3x3_rotate":
                answerType = "NumericArray";
                w.WriteStartArray("answer");
                for (int i = 0; i < 9; i++)
                {
                    w.WriteNumberValue(1 + ((n + i) % 4));
                }

                w.WriteEndArray();
                break;
            case "bls_3x3":
                answerType = "Grid";
                w.WriteStartArray("answer");
                for (int i = 0; i < 9; i++)
                {
                    w.WriteBooleanValue(Tile(n, i));
                }

                w.WriteEndArray();
                break;
            case "shein":
                answerType = "Coordinate";
                w.WriteStartArray("answer");
                w.WriteStartObject();
                w.WriteNumber("X", n % 300);
                w.WriteNumber("Y", n % 150);
                w.WriteEndObject();
                w.WriteEndArray();
                break;
            case "bills_audio":
                answerType = "Text";
                w.WriteStartArray("answer");
                foreach (char c in (n % 10_000).ToString("D4", CultureInfo.InvariantCulture))
                {
                    w.WriteNumberValue(c - '0');
                }

                w.WriteEndArray();
                break;
            case "dli":
                answerType = "Text";
                w.WriteString("answer", (n % 10).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                answerType = "Text";
                w.WriteString("answer", s.V("answer"));
                break;
        }

        w.WriteStartObject("metadata");
        w.WriteString("AnswerType", answerType);
        w.WriteEndObject();
    }

    private static void Custom(Utf8JsonWriter w, Input s)
    {
        TryGet(s.Task, "metadata", out JsonElement meta);
        switch (s.Spec.Variant)
        {
            case "DataDome":
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
                break;
            case "TenDI":
                w.WriteStartObject("data");
                w.WriteString("randstr", s.V("randstr"));
                w.WriteString("ticket", s.V("ticket"));
                w.WriteEndObject();
                UserAgentHeader(w, s);
                break;
            case "Basilisk":
                w.WriteStartObject("data");
                w.WriteString("captcha_response", s.V("captcha_response"));
                w.WriteEndObject();
                UserAgentHeader(w, s);
                break;
            case "Imperva":
                w.WriteStartObject("domains");
                w.WriteStartObject(s.Host);
                w.WriteStartObject("cookies");
                w.WriteString("___utmvc", s.V("___utmvc"));
                if (Has(meta, "reese84UrlEndpoint"))
                {
                    w.WriteString("reese84", s.V("reese84"));
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case "altcha":
                TryGetInt64(meta, "iterations", out long iterations);
                w.WriteStartObject("data");
                w.WriteString("token", s.V("token"));
                w.WriteNumber("number", s.Id % Math.Max(1, iterations));
                w.WriteEndObject();
                break;
            case "Castle":
                w.WriteStartObject("data");
                w.WriteStartArray("tokens");
                for (int i = 0; i < s.Spec.Count; i++)
                {
                    w.WriteStringValue(s.V(string.Create(CultureInfo.InvariantCulture, $"tokens[{i}]")));
                }

                w.WriteEndArray();
                w.WriteEndObject();
                Cookies(w, s.Host, "__cuid", s.V("__cuid"));
                break;
            case "tspd":
                string tsName = TspdCookieName(GetString(meta, "tspdCookie"));
                w.WriteStartObject("Domains");
                w.WriteStartObject(s.Host);
                w.WriteStartObject("Cookies");
                w.WriteString(tsName, s.V(tsName));
                w.WriteString("TSPD_101_DID", s.V("TSPD_101_DID"));
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case "HUNT" or "friendly":
                w.WriteStartObject("data");
                w.WriteString("token", s.V("token"));
                w.WriteEndObject();
                break;
            case "alibaba":
                string tokens = Write((Sid: GetString(meta, "sceneId"), Cid: s.V("certifyId")), static (j, t) =>
                {
                    j.WriteStartObject();
                    j.WriteString("sceneId", t.Sid);
                    j.WriteString("certifyId", t.Cid);
                    j.WriteEndObject();
                }) is { } bytes ? Encoding.UTF8.GetString(bytes) : "{}";
                w.WriteStartObject("data");
                w.WriteString("tokens", tokens);
                w.WriteEndObject();
                break;
            default: // Temu
                Cookies(w, s.Host, "verifyAuthToken", s.V("verifyAuthToken"));
                break;
        }
    }

    /// <summary>The TS cookie name of a tspd solution: the name in metadata.tspdCookie ("TSxxxx=..."), else TS01000000.</summary>
    internal static string TspdCookieName(string? tspdCookie)
    {
        string name = tspdCookie is null ? string.Empty : tspdCookie.Split('=', 2)[0].Trim();
        return name.Length > 0 ? name : "TS01000000";
    }

    private static void UserAgentHeader(Utf8JsonWriter w, Input s)
    {
        w.WriteStartObject("headers");
        w.WriteString("User-Agent", s.UserAgent);
        w.WriteEndObject();
    }

    private static void Cookies(Utf8JsonWriter w, string host, string name, string value)
    {
        w.WriteStartObject("domains");
        w.WriteStartObject(host);
        w.WriteStartObject("cookies");
        w.WriteString(name, value);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
