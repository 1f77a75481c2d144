using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace CapMonster.Emulator;

/// <summary>One API request as the emulator saw it. The client key never appears: only its <see cref="KeyId"/>.</summary>
public sealed class RequestLogEntry
{
    internal RequestLogEntry(long seq, long timeTicks, string method, string path, long? taskId, string? keyId, int httpStatus, string? errorCode, string? scenario, byte[]? body)
    {
        Seq = seq;
        TimeTicks = timeTicks;
        Method = method;
        Path = path;
        TaskId = taskId;
        KeyId = keyId;
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
        Scenario = scenario;
        BodyUtf8 = body;
    }

    /// <summary>Increasing sequence number (not reset by /emulator/reset).</summary>
    public long Seq { get; }

    /// <summary>When the request was handled (emulator clock, UTC).</summary>
    public DateTimeOffset Time => new(TimeTicks, TimeSpan.Zero);

    /// <summary>API method name (createTask, getTaskResult, ..., getUserAgent).</summary>
    public string Method { get; }

    /// <summary>Request path as sent.</summary>
    public string Path { get; }

    /// <summary>The task id of the request, or the id createTask handed out.</summary>
    public long? TaskId { get; }

    /// <summary>First 8 hex digits of SHA-256 of the base key; null without a key.</summary>
    public string? KeyId { get; }

    /// <summary>HTTP status sent.</summary>
    public int HttpStatus { get; }

    /// <summary>errorCode of the answer, if any.</summary>
    public string? ErrorCode { get; }

    /// <summary>The scenario kind applied, if any.</summary>
    public string? Scenario { get; }

    /// <summary>The redacted request JSON (clientKey and proxyPassword are "***", long strings shortened).</summary>
    public string? Body => BodyUtf8 is null ? null : Encoding.UTF8.GetString(BodyUtf8);

    internal long TimeTicks { get; }

    internal byte[]? BodyUtf8 { get; }

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("seq", Seq);
        w.WriteString("time", EmulatorState.FormatTime(TimeTicks));
        w.WriteString("method", Method);
        w.WriteString("path", Path);
        if (TaskId is long id)
        {
            w.WriteNumber("taskId", id);
        }
        else
        {
            w.WriteNull("taskId");
        }

        w.WriteString("keyId", KeyId);
        w.WriteNumber("httpStatus", HttpStatus);
        w.WriteString("errorCode", ErrorCode);
        w.WriteString("scenario", Scenario);
        w.WritePropertyName("body");
        if (BodyUtf8 is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteRawValue(BodyUtf8, skipInputValidation: true);
        }

        w.WriteEndObject();
    }
}

/// <summary>A bounded, lock-free request log: past the limit the oldest entries are dropped.</summary>
internal sealed class RequestLog(int limit)
{
    /// <summary>Strings longer than this are shortened in logged bodies (images, HTML pages).</summary>
    public const int MaxLoggedString = 256;

    private readonly ConcurrentQueue<RequestLogEntry> _entries = new();
    private int _count;
    private long _seq;

    public int Count => Volatile.Read(ref _count);

    public void Add(long timeTicks, string method, string path, long? taskId, string? keyId, int httpStatus, string? errorCode, string? scenario, byte[]? body)
    {
        if (limit <= 0)
        {
            return;
        }

        var entry = new RequestLogEntry(Interlocked.Increment(ref _seq), timeTicks, method, path, taskId, keyId, httpStatus, errorCode, scenario, body);
        _entries.Enqueue(entry);
        if (Interlocked.Increment(ref _count) > limit && _entries.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Clear()
    {
        while (_entries.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public List<RequestLogEntry> Snapshot() => [.. _entries];

    /// <summary>
    /// Re-serialises a request body with every <c>clientKey</c> and <c>proxyPassword</c> value replaced by "***",
    /// any other string equal to or containing the key (with or without suffixes) masked, and strings over
    /// <see cref="MaxLoggedString"/> characters shortened.
    /// </summary>
    public static byte[] Redact(JsonElement root, string? clientKey)
    {
        string? baseKey = clientKey is null ? null : KeyIds.BaseKey(clientKey).ToString();
        return JsonUtil.Write((root, clientKey, baseKey), static (w, s) => WriteRedacted(w, s.root, s.clientKey, s.baseKey));
    }

    /// <summary>What is logged for a body that is not JSON: never the raw text, which could hold the key.</summary>
    public static byte[] Unparsable(int length) =>
        JsonUtil.Write(length, static (w, n) => w.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"<not JSON, {n} bytes>")));

    private static void WriteRedacted(Utf8JsonWriter w, JsonElement e, string? key, string? baseKey)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (JsonProperty p in e.EnumerateObject())
                {
                    w.WritePropertyName(p.Name);
                    if (p.Name.Equals("clientKey", StringComparison.OrdinalIgnoreCase)
                        || p.Name.Equals("proxyPassword", StringComparison.OrdinalIgnoreCase))
                    {
                        w.WriteStringValue("***");
                    }
                    else
                    {
                        WriteRedacted(w, p.Value, key, baseKey);
                    }
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (JsonElement item in e.EnumerateArray())
                {
                    WriteRedacted(w, item, key, baseKey);
                }

                w.WriteEndArray();
                break;
            case JsonValueKind.String:
                w.WriteStringValue(Scrub(e.GetString()!, key, baseKey));
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }

    private static string Scrub(string value, string? key, string? baseKey)
    {
        if (!string.IsNullOrEmpty(key) && value.Contains(key, StringComparison.Ordinal))
        {
            value = value.Replace(key, "***", StringComparison.Ordinal);
        }

        if (baseKey is { Length: >= 6 } && value.Contains(baseKey, StringComparison.Ordinal))
        {
            value = value.Replace(baseKey, "***", StringComparison.Ordinal);
        }
        else if (baseKey is { Length: > 0 } && value == baseKey)
        {
            value = "***";
        }

        return value.Length <= MaxLoggedString
            ? value
            : string.Concat(value.AsSpan(0, 64), string.Create(CultureInfo.InvariantCulture, $"...(+{value.Length - 64} chars)"));
    }
}
