using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.AspNetCore.WebUtilities;

namespace CapMonster.Emulator;

/// <summary>
/// Fault mode: a share of API requests (<c>--fault-rate</c>) meets a fault drawn from <c>--fault-kinds</c>. The draw
/// for the n-th request depends only on the seed and n, so a run with the same seed and the same order of requests
/// meets the same faults; setting the config again restarts the count.
/// </summary>
internal static class Faults
{
    public const string Html502 = "html502";
    public const string Http503 = "http503";
    public const string ResetBefore = "resetBefore";
    public const string ResetAfter = "resetAfter";
    public const string Stall = "stall";
    public const string Http429 = "http429";

    /// <summary>Every fault kind, in the order the draw picks from.</summary>
    public static readonly string[] Kinds = [Html502, Http503, ResetBefore, ResetAfter, Stall, Http429];

    /// <summary>Parses a comma-separated list of kinds ("all" for every one).</summary>
    /// <exception cref="ArgumentException">An unknown kind.</exception>
    public static string[] ParseKinds(string text)
    {
        if (string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return Kinds;
        }

        var kinds = new List<string>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds.Add(Kinds.FirstOrDefault(k => k.Equals(part, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown fault kind '{part}'; the kinds are {string.Join(", ", Kinds)} or all."));
        }

        return kinds.Count > 0 ? [.. kinds] : throw new ArgumentException("No fault kind given.");
    }

    /// <summary>The fault for the request numbered <paramref name="n"/> (from 1), or null when it goes through untouched.</summary>
    public static Scenario? Draw(EmulatorConfig config, string method, long n)
    {
        if (config.FaultRate <= 0)
        {
            return null;
        }

        ulong hash = Mix(unchecked((ulong)config.FaultSeed ^ (ulong)n * 0x9E3779B97F4A7C15UL));
        double draw = (hash >> 11) * (1.0 / (1UL << 53));
        if (draw >= config.FaultRate)
        {
            return null;
        }

        string kind = config.FaultKinds[(int)(Mix(hash) % (ulong)config.FaultKinds.Length)];
        return kind switch
        {
            Html502 => Make(method, ScenarioKind.Html, 502),
            Http503 => Make(method, ScenarioKind.Http, 503, ReasonPhrases.GetReasonPhrase(503)),
            Http429 => Make(method, ScenarioKind.Http, 429, ReasonPhrases.GetReasonPhrase(429)),
            ResetBefore => Make(method, ScenarioKind.Reset, 0),
            ResetAfter => Make(method, ScenarioKind.Abort, 200),
            _ => Make(method, ScenarioKind.Slow, 200, delayMs: config.FaultStallMs),
        };
    }

    private static Scenario Make(string method, ScenarioKind kind, int status, string? body = null, int delayMs = 0) => new()
    {
        Method = method,
        Kind = kind,
        Count = 1,
        HttpStatus = status,
        Body = body,
        DelayMs = delayMs,
    };

    /// <summary>SplitMix64's finaliser: a well-spread 64-bit hash.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Numbers the API requests for the fault draw.</summary>
internal sealed class FaultCounter
{
    private long _count;

    public long Next() => Interlocked.Increment(ref _count);

    public void Restart() => Interlocked.Exchange(ref _count, 0);
}
