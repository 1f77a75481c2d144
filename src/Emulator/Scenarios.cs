using System;
using System.Collections.Generic;
using System.Threading;

namespace CapMonster.Emulator;

/// <summary>What a queued scenario does to a matching request.</summary>
internal enum ScenarioKind
{
    /// <summary>Answer with an API error JSON and a chosen HTTP status.</summary>
    Error,

    /// <summary>A plain-text body with a chosen status.</summary>
    Http,

    /// <summary>An HTML error page (502 by default).</summary>
    Html,

    /// <summary>An empty body (200 by default).</summary>
    Empty,

    /// <summary>The normal answer cut in half.</summary>
    Truncated,

    /// <summary>The normal answer after a delay.</summary>
    Slow,

    /// <summary>Headers and half the body, then the connection is aborted.</summary>
    Abort,

    /// <summary>The connection is reset before the request is handled: nothing happens at the service.</summary>
    Reset,

    /// <summary>createTask: the task ends in ERROR_CAPTCHA_UNSOLVABLE (or a given code).</summary>
    Unsolvable,

    /// <summary>createTask answers ERROR_NO_SLOT_AVAILABLE.</summary>
    NoSlot,

    /// <summary>createTask: the task takes a given latency.</summary>
    Latency,
}

/// <summary>One queued scenario. Everything is fixed except the remaining count.</summary>
internal sealed class Scenario
{
    public long Id { get; init; }

    /// <summary>API method name or "*".</summary>
    public required string Method { get; init; }

    /// <summary>Base key the scenario is limited to, or null for any request.</summary>
    public string? Key { get; init; }

    public ScenarioKind Kind { get; init; }

    public int Count { get; init; }

    public int Remaining;

    public int HttpStatus { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorDescription { get; init; }

    public string? Body { get; init; }

    public int DelayMs { get; init; }

    public long LatencyMs { get; init; }

    public string KindName => Kind switch
    {
        ScenarioKind.NoSlot => "noSlot",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// Scenarios in the order they were queued. The hot path reads one counter and takes the lock
/// only while scenarios are pending.
/// </summary>
internal sealed class ScenarioQueue
{
    private readonly List<Scenario> _items = [];
    private readonly Lock _lock = new();
    private int _pending;
    private long _nextId;

    public int Count => Volatile.Read(ref _pending);

    public long Add(Scenario scenario)
    {
        lock (_lock)
        {
            _items.Add(scenario);
            _pending = _items.Count;
            return scenario.Id;
        }
    }

    public long NextId() => Interlocked.Increment(ref _nextId);

    /// <summary>Takes one use of the first scenario matching the method and base key, or returns null.</summary>
    public Scenario? TryTake(string method, ReadOnlySpan<char> baseKey, bool hasKey)
    {
        if (Volatile.Read(ref _pending) == 0)
        {
            return null;
        }

        lock (_lock)
        {
            for (int i = 0; i < _items.Count; i++)
            {
                Scenario s = _items[i];
                if ((s.Method == "*" || string.Equals(s.Method, method, StringComparison.OrdinalIgnoreCase))
                    && (s.Key is null || (hasKey && baseKey.SequenceEqual(s.Key))))
                {
                    if (--s.Remaining <= 0)
                    {
                        _items.RemoveAt(i);
                        _pending = _items.Count;
                    }

                    return s;
                }
            }
        }

        return null;
    }

    public void Clear()
    {
        lock (_lock)
        {
            _items.Clear();
            _pending = 0;
        }
    }

    public List<Scenario> Snapshot()
    {
        lock (_lock)
        {
            return [.. _items];
        }
    }
}
