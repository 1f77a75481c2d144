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

    /// <summary>Builds the solution object of an accepted task as UTF-8 JSON, with its row's writer.</summary>
    public static byte[] Build(TaskSpec spec, JsonElement task, long taskId, DateTimeOffset createdAt, string defaultUserAgent)
    {
        string userAgent = GetString(task, "userAgent") is { Length: > 0 } ua ? ua : defaultUserAgent;
        string host = Uri.TryCreate(GetString(task, "websiteURL"), UriKind.Absolute, out Uri? uri) ? uri.Host : "localhost";
        var input = new SolutionInput(spec, task, taskId, createdAt, userAgent, host);
        return Write(input, static (w, s) =>
        {
            w.WriteStartObject();
            s.Spec.Row.Solve(w, s);
            w.WriteEndObject();
        });
    }

    /// <summary>The TS cookie name of a tspd solution: the name in metadata.tspdCookie ("TSxxxx=..."), else TS01000000.</summary>
    internal static string TspdCookieName(string? tspdCookie)
    {
        string name = tspdCookie is null ? string.Empty : tspdCookie.Split('=', 2)[0].Trim();
        return name.Length > 0 ? name : "TS01000000";
    }

    /// <summary>headers: {"User-Agent": UA}.</summary>
    public static void UserAgentHeader(Utf8JsonWriter w, SolutionInput s)
    {
        w.WriteStartObject("headers");
        w.WriteString("User-Agent", s.UserAgent);
        w.WriteEndObject();
    }

    /// <summary>domains: {HOST: {cookies: {name: value}}}.</summary>
    public static void Cookies(Utf8JsonWriter w, string host, string name, string value)
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

/// <summary>What a row's solution writer reads: the accepted task, its id and creation time, the user agent and host.</summary>
internal readonly record struct SolutionInput(TaskSpec Spec, JsonElement Task, long Id, DateTimeOffset CreatedAt, string UserAgent, string Host)
{
    /// <summary>task.metadata, or an undefined element.</summary>
    public JsonElement Metadata => TryGet(Task, "metadata", out JsonElement meta) ? meta : default;

    /// <summary>The generated value of a solution field (<see cref="Solutions.Value"/>).</summary>
    public string V(string field) => Solutions.Value(Id, field);
}
