using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using static CapMonster.Emulator.JsonUtil;

namespace CapMonster.Emulator;

/// <summary>The control API under /emulator/ (scenarios, keys, config, reset, log, tasks, task types, error codes). Not logged.</summary>
internal sealed class ControlHandler(EmulatorState state, EmulatorOptions options)
{
    public const string Prefix = "/emulator";

    public static bool IsControlPath(string path) =>
        path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == Prefix.Length || path[Prefix.Length] == '/');

    public async Task HandleAsync(HttpContext ctx)
    {
        string sub = (ctx.Request.Path.Value ?? string.Empty)[Prefix.Length..].Trim('/');
        string verb = ctx.Request.Method;
        try
        {
            switch (sub.ToLowerInvariant())
            {
                case "" when HttpMethods.IsGet(verb):
                    await Json(ctx, 200, Info()).ConfigureAwait(false);
                    return;
                case "scenarios" when HttpMethods.IsPost(verb):
                    await Json(ctx, 200, AddScenarios(await BodyAsync(ctx).ConfigureAwait(false))).ConfigureAwait(false);
                    return;
                case "scenarios" when HttpMethods.IsGet(verb):
                    await Json(ctx, 200, ListScenarios()).ConfigureAwait(false);
                    return;
                case "scenarios" when HttpMethods.IsDelete(verb):
                    state.Scenarios.Clear();
                    await Json(ctx, 200, Ok()).ConfigureAwait(false);
                    return;
                case "keys" when HttpMethods.IsPost(verb):
                    await Json(ctx, 200, SetKey(await BodyAsync(ctx).ConfigureAwait(false))).ConfigureAwait(false);
                    return;
                case "config" when HttpMethods.IsGet(verb):
                    await Json(ctx, 200, ConfigJson()).ConfigureAwait(false);
                    return;
                case "config" when HttpMethods.IsPost(verb):
                    SetConfig(await BodyAsync(ctx).ConfigureAwait(false));
                    await Json(ctx, 200, ConfigJson()).ConfigureAwait(false);
                    return;
                case "reset" when HttpMethods.IsPost(verb):
                    state.Reset();
                    await Json(ctx, 200, Ok()).ConfigureAwait(false);
                    return;
                case "sweep" when HttpMethods.IsPost(verb):
                    int removed = state.Sweep();
                    await Json(ctx, 200, Write(removed, static (w, n) =>
                    {
                        w.WriteStartObject();
                        w.WriteBoolean("ok", true);
                        w.WriteNumber("removed", n);
                        w.WriteEndObject();
                    })).ConfigureAwait(false);
                    return;
                case "tasktypes" when HttpMethods.IsGet(verb):
                    EmulatorConfig config = state.Config;
                    await Json(ctx, 200, TaskRules.Listing(config.LatencyMinMs, config.LatencyMaxMs, state.UserAgent)).ConfigureAwait(false);
                    return;
                case "errors" when HttpMethods.IsGet(verb):
                    await Json(ctx, 200, DocumentedErrors()).ConfigureAwait(false);
                    return;
                case "log" when HttpMethods.IsGet(verb):
                    await WriteLogAsync(ctx).ConfigureAwait(false);
                    return;
                case "log" when HttpMethods.IsDelete(verb):
                    state.Log.Clear();
                    await Json(ctx, 200, Ok()).ConfigureAwait(false);
                    return;
            }

            if (sub.StartsWith("tasks/", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(verb)
                && long.TryParse(sub.AsSpan(6), NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
            {
                EmulatorTaskInfo? info = state.GetTask(id);
                await (info is null ? Json(ctx, 404, Problem("no such task")) : Json(ctx, 200, TaskJson(info))).ConfigureAwait(false);
                return;
            }

            await Json(ctx, 404, Problem($"unknown control endpoint {verb} {Prefix}/{sub}")).ConfigureAwait(false);
        }
        catch (ControlException ex)
        {
            await Json(ctx, 400, Problem(ex.Message)).ConfigureAwait(false);
        }
    }

    private static async Task<JsonDocument> BodyAsync(HttpContext ctx)
    {
        using var stream = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(stream, ctx.RequestAborted).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(stream.Length == 0 ? "{}"u8.ToArray() : stream.ToArray());
        }
        catch (JsonException ex)
        {
            throw new ControlException("body is not valid JSON: " + ex.Message);
        }
    }

    private static Task Json(HttpContext ctx, int status, byte[] body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        ctx.Response.ContentLength = body.Length;
        return ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).AsTask();
    }

    private static byte[] Ok() => "{\"ok\":true}"u8.ToArray();

    private static byte[] Problem(string message) => Write(message, static (w, m) =>
    {
        w.WriteStartObject();
        w.WriteBoolean("ok", false);
        w.WriteString("error", m);
        w.WriteEndObject();
    });

    private static byte[] DocumentedErrors() => Write(ErrorCodes.Documented, static (w, codes) =>
    {
        w.WriteStartArray();
        foreach (string code in codes)
        {
            w.WriteStartObject();
            w.WriteString("code", code);
            w.WriteString("description", ErrorCodes.Describe(code));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private byte[] Info() => Write(state, static (w, s) =>
    {
        w.WriteStartObject();
        w.WriteString("name", "CapMonster Cloud emulator");
        w.WriteNumber("tasks", s.TaskCount);
        w.WriteNumber("lastTaskId", s.LastTaskId);
        w.WriteNumber("pendingScenarios", s.Scenarios.Count);
        w.WriteNumber("logEntries", s.Log.Count);
        w.WriteNumber("keys", s.Accounts.Count);
        w.WriteEndObject();
    });

    private byte[] AddScenarios(JsonDocument body)
    {
        using (body)
        {
            JsonElement root = body.RootElement;
            var parsed = new List<Scenario>();
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in root.EnumerateArray())
                {
                    parsed.Add(ParseScenario(item));
                }
            }
            else
            {
                parsed.Add(ParseScenario(root));
            }

            foreach (Scenario s in parsed)
            {
                state.Scenarios.Add(s);
            }

            return Write(parsed, static (w, list) =>
            {
                w.WriteStartObject();
                w.WriteBoolean("ok", true);
                w.WriteStartArray("ids");
                foreach (Scenario s in list)
                {
                    w.WriteNumberValue(s.Id);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    private Scenario ParseScenario(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new ControlException("a scenario must be a JSON object");
        }

        string kindText = GetString(e, "kind") ?? throw new ControlException("scenario.kind is required");
        ScenarioKind kind = kindText.ToUpperInvariant() switch
        {
            "ERROR" => ScenarioKind.Error,
            "HTTP" => ScenarioKind.Http,
            "HTML" => ScenarioKind.Html,
            "EMPTY" => ScenarioKind.Empty,
            "TRUNCATED" => ScenarioKind.Truncated,
            "SLOW" => ScenarioKind.Slow,
            "ABORT" => ScenarioKind.Abort,
            "UNSOLVABLE" => ScenarioKind.Unsolvable,
            "NOSLOT" => ScenarioKind.NoSlot,
            "LATENCY" => ScenarioKind.Latency,
            "RESET" => ScenarioKind.Reset,
            _ => throw new ControlException("unknown scenario.kind " + kindText),
        };

        bool createOnly = kind is ScenarioKind.Unsolvable or ScenarioKind.Latency;
        string method = GetString(e, "method") ?? (createOnly || kind == ScenarioKind.NoSlot ? ApiHandler.CreateTask : "*");
        if (method != "*")
        {
            method = ApiHandler.Methods.FirstOrDefault(m => m.Equals(method, StringComparison.OrdinalIgnoreCase))
                ?? throw new ControlException("unknown scenario.method " + method);
        }

        if (createOnly && method != ApiHandler.CreateTask)
        {
            throw new ControlException($"scenario kind {kindText} applies to createTask only");
        }

        int count = Int(e, "count", 1, 1, int.MaxValue);
        string? key = GetString(e, "key");
        int defaultStatus = kind switch
        {
            ScenarioKind.Http => 503,
            ScenarioKind.Html => 502,
            _ => 200,
        };
        string? code = GetString(e, "errorCode");
        if (kind == ScenarioKind.Error && string.IsNullOrWhiteSpace(code))
        {
            throw new ControlException("scenario kind error needs errorCode");
        }

        long latency = 0;
        if (kind == ScenarioKind.Latency && (!TryGetInt64(e, "latencyMs", out latency) || latency < 0))
        {
            throw new ControlException("scenario kind latency needs latencyMs >= 0");
        }

        int status = Int(e, "httpStatus", defaultStatus, 100, 599);
        return new Scenario
        {
            Id = state.Scenarios.NextId(),
            Method = method,
            Key = string.IsNullOrEmpty(key) ? null : KeyIds.BaseKey(key).ToString(),
            Kind = kind,
            Count = count,
            Remaining = count,
            HttpStatus = status,
            ErrorCode = kind == ScenarioKind.NoSlot ? ErrorCodes.NoSlotAvailable : code,
            ErrorDescription = GetString(e, "errorDescription"),
            Body = GetString(e, "body") ?? (kind == ScenarioKind.Http ? ReasonPhrases.GetReasonPhrase(status) : null),
            DelayMs = kind == ScenarioKind.Slow ? Int(e, "delayMs", 1000, 0, 600_000) : 0,
            LatencyMs = latency,
        };
    }

    private static double Rate(JsonElement e, string name, double fallback)
    {
        if (!Has(e, name))
        {
            return fallback;
        }

        return TryGet(e, name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.GetDouble() is >= 0 and <= 1
            ? v.GetDouble()
            : throw new ControlException($"{name} must be a number from 0 to 1");
    }

    private static string[] Kinds(string text)
    {
        try
        {
            return Faults.ParseKinds(text);
        }
        catch (ArgumentException ex)
        {
            throw new ControlException(ex.Message);
        }
    }

    private static int Int(JsonElement e, string name, int fallback, int min, int max)
    {
        if (!Has(e, name))
        {
            return fallback;
        }

        if (!TryGetInt64(e, name, out long value) || value < min || value > max)
        {
            throw new ControlException($"{name} must be an integer in [{min}, {max}]");
        }

        return (int)value;
    }

    private byte[] ListScenarios() => Write(state.Scenarios.Snapshot(), static (w, list) =>
    {
        w.WriteStartArray();
        foreach (Scenario s in list)
        {
            w.WriteStartObject();
            w.WriteNumber("id", s.Id);
            w.WriteString("kind", s.KindName);
            w.WriteString("method", s.Method);
            w.WriteString("keyId", s.Key is null ? null : KeyIds.Of(s.Key));
            w.WriteNumber("count", s.Count);
            w.WriteNumber("remaining", s.Remaining);
            w.WriteNumber("httpStatus", s.HttpStatus);
            w.WriteString("errorCode", s.ErrorCode);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private byte[] SetKey(JsonDocument body)
    {
        using (body)
        {
            JsonElement root = body.RootElement;
            string key = GetString(root, "key") ?? throw new ControlException("key is required");
            if (key.Length == 0 || key.Contains("__", StringComparison.Ordinal))
            {
                throw new ControlException("key must be non-empty and must not contain \"__\"");
            }

            decimal balance = options.Balance;
            if (TryGet(root, "balance", out JsonElement b))
            {
                bool ok = b.ValueKind == JsonValueKind.Number ? b.TryGetDecimal(out balance)
                    : b.ValueKind == JsonValueKind.String && decimal.TryParse(b.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out balance);
                if (!ok || balance < 0)
                {
                    throw new ControlException("balance must be a non-negative number");
                }
            }

            state.SetKey(key, balance);
            return Write((KeyIds.Of(key), state.GetBalance(key) ?? 0m), static (w, s) =>
            {
                w.WriteStartObject();
                w.WriteBoolean("ok", true);
                w.WriteString("keyId", s.Item1);
                w.WriteNumber("balance", s.Item2);
                w.WriteEndObject();
            });
        }
    }

    private byte[] ConfigJson() => Write(state.Config, static (w, c) =>
    {
        w.WriteStartObject();
        w.WriteString("latency", string.Create(CultureInfo.InvariantCulture, $"{c.LatencyMinMs}-{c.LatencyMaxMs}"));
        w.WriteNumber("latencyMinMs", c.LatencyMinMs);
        w.WriteNumber("latencyMaxMs", c.LatencyMaxMs);
        w.WriteNumber("ttlSeconds", c.TtlSeconds);
        w.WriteNumber("minPollIntervalMs", c.MinPollIntervalMs);
        w.WriteNumber("maxPolls", c.MaxPolls);
        w.WriteBoolean("observedStatuses", c.ObservedStatuses);
        w.WriteString("contentType", c.ContentType);
        w.WriteNumber("faultRate", c.FaultRate);
        w.WriteNumber("faultSeed", c.FaultSeed);
        w.WriteString("faultKinds", string.Join(",", c.FaultKinds));
        w.WriteNumber("faultStallMs", c.FaultStallMs);
        w.WriteEndObject();
    });

    private void SetConfig(JsonDocument body)
    {
        using (body)
        {
            JsonElement e = body.RootElement;
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new ControlException("config must be a JSON object");
            }

            EmulatorConfig c = state.Config;
            int min = c.LatencyMinMs, max = c.LatencyMaxMs;
            if (TryGet(e, "latency", out JsonElement latency))
            {
                try
                {
                    (min, max) = EmulatorOptions.ParseRange("latency", latency.ValueKind == JsonValueKind.String ? latency.GetString()! : latency.GetRawText());
                }
                catch (ArgumentException ex)
                {
                    throw new ControlException(ex.Message);
                }
            }

            min = Int(e, "latencyMinMs", min, 0, int.MaxValue);
            max = Int(e, "latencyMaxMs", max, 0, int.MaxValue);
            if (max < min)
            {
                throw new ControlException("latency MAX must be >= MIN");
            }

            bool observed = GetBool(e, "observedStatuses") ?? c.ObservedStatuses;
            string contentType = GetString(e, "contentType") ?? c.ContentType;
            state.Config = new EmulatorConfig(
                min,
                max,
                Int(e, "ttlSeconds", Int(e, "ttl", c.TtlSeconds, 1, int.MaxValue), 1, int.MaxValue),
                Int(e, "minPollIntervalMs", Int(e, "minPollInterval", c.MinPollIntervalMs, 0, int.MaxValue), 0, int.MaxValue),
                Int(e, "maxPolls", c.MaxPolls, 1, int.MaxValue),
                observed,
                contentType)
            {
                FaultRate = Rate(e, "faultRate", c.FaultRate),
                FaultSeed = TryGetInt64(e, "faultSeed", out long seed) ? seed : c.FaultSeed,
                FaultKinds = GetString(e, "faultKinds") is { } kinds ? Kinds(kinds) : c.FaultKinds,
                FaultStallMs = Int(e, "faultStallMs", c.FaultStallMs, 0, 600_000),
            };
            // The same seed again means the same faults again: the draw restarts with every config change.
            state.FaultCount.Restart();
        }
    }

    private static byte[] TaskJson(EmulatorTaskInfo t) => Write(t, static (w, i) =>
    {
        w.WriteStartObject();
        w.WriteNumber("taskId", i.TaskId);
        w.WriteString("type", i.Type);
        w.WriteString("variant", i.Variant);
        w.WriteString("keyId", i.KeyId);
        w.WriteString("createdAt", EmulatorState.FormatTime(i.CreatedAt.UtcTicks));
        w.WriteString("readyAt", i.ReadyAt.UtcTicks == DateTimeOffset.MaxValue.UtcTicks ? null : EmulatorState.FormatTime(i.ReadyAt.UtcTicks));
        w.WriteNumber("polls", i.Polls);
        w.WriteBoolean("settled", i.Settled);
        w.WriteNumber("cost", i.Cost);
        w.WriteString("failCode", i.FailCode);
        w.WriteNumber("reports", i.Reports);
        w.WritePropertyName("solution");
        w.WriteRawValue(i.SolutionJson);
        w.WriteEndObject();
    });

    private async Task WriteLogAsync(HttpContext ctx)
    {
        IQueryCollection q = ctx.Request.Query;
        string? method = q["method"].FirstOrDefault();
        string? keyId = q["keyId"].FirstOrDefault();
        long? taskId = null;
        long? sinceSeq = null;
        long? sinceTicks = null;
        if (q["taskId"].FirstOrDefault() is { Length: > 0 } t)
        {
            taskId = long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : throw new ControlException("taskId must be an integer");
        }

        if (q["since"].FirstOrDefault() is { Length: > 0 } since)
        {
            if (long.TryParse(since, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seq))
            {
                sinceSeq = seq;
            }
            else if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
            {
                sinceTicks = time.UtcTicks;
            }
            else
            {
                throw new ControlException("since must be a sequence number or an ISO-8601 time");
            }
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(ctx.Response.Body, WriterOptions);
        writer.WriteStartArray();
        int n = 0;
        foreach (RequestLogEntry entry in state.Log.Snapshot())
        {
            if ((method is not null && !entry.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
                || (keyId is not null && !string.Equals(entry.KeyId, keyId, StringComparison.OrdinalIgnoreCase))
                || (taskId is not null && entry.TaskId != taskId)
                || (sinceSeq is not null && entry.Seq <= sinceSeq)
                || (sinceTicks is not null && entry.TimeTicks < sinceTicks))
            {
                continue;
            }

            entry.WriteTo(writer);
            if (++n % 1000 == 0)
            {
                await writer.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
    }

    private sealed class ControlException(string message) : Exception(message);
}
