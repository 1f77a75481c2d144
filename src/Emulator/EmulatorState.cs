using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CapMonster.Emulator;

/// <summary>An accepted API key and its balance (in 1e-7 units, updated lock-free).</summary>
internal sealed class Account(string key, long balanceUnits)
{
    public string Key { get; } = key;

    public string KeyId { get; } = KeyIds.Of(key);

    public long BalanceUnits = balanceUnits;

    /// <summary>The balance /emulator/reset restores.</summary>
    public long ResetUnits = balanceUnits;

    public decimal Balance => JsonUtil.Normalize(Volatile.Read(ref BalanceUnits) / (decimal)TaskRules.UnitsPerDollar);

    /// <summary>Takes up to <paramref name="units"/> off the balance; it never goes below zero.</summary>
    public void Debit(long units)
    {
        long current = Volatile.Read(ref BalanceUnits);
        while (true)
        {
            long next = Math.Max(0, current - units);
            long seen = Interlocked.CompareExchange(ref BalanceUnits, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

/// <summary>Key helpers: base key (before the first "__") and the short non-reversible id used in logs.</summary>
internal static class KeyIds
{
    /// <summary>First 8 lowercase hex digits of SHA-256(UTF-8 base key).</summary>
    public static string Of(string baseKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(baseKey), hash);
        return Convert.ToHexStringLower(hash[..4]);
    }

    /// <summary>The part of a client key before the first "__" (suffixes such as __nocache are options, not the key).</summary>
    public static ReadOnlySpan<char> BaseKey(string clientKey)
    {
        int i = clientKey.IndexOf("__", StringComparison.Ordinal);
        return i < 0 ? clientKey.AsSpan() : clientKey.AsSpan(0, i);
    }
}

/// <summary>One created task. Mutable counters are updated with Interlocked; everything else is fixed at creation.</summary>
internal sealed class TaskRecord
{
    public required long Id { get; init; }

    public required Account Account { get; init; }

    public required TaskSpec Spec { get; init; }

    public required long CreatedTicks { get; init; }

    public required long ReadyTicks { get; init; }

    /// <summary>The solution object, UTF-8 JSON.</summary>
    public required byte[] Solution { get; init; }

    /// <summary>The error the task ends in instead of its solution (unsolvable scenario, threshold).</summary>
    public string? FailCode { get; init; }

    public string? FailDescription { get; init; }

    /// <summary>A loopback callbackUrl to POST the result to once ready (other hosts are never called).</summary>
    public Uri? Callback { get; init; }

    public int Polls;

    public long LastPollTicks = long.MinValue;

    /// <summary>1 once the result was settled (balance debited when solved).</summary>
    public int Settled;

    public int Reports;

    /// <summary>0 none/pending, 1 sent or being sent.</summary>
    public int CallbackState;
}

/// <summary>A snapshot of a task, for assertions and <c>GET /emulator/tasks/{id}</c>.</summary>
public sealed record EmulatorTaskInfo(
    long TaskId,
    string Type,
    string? Variant,
    string KeyId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ReadyAt,
    int Polls,
    bool Settled,
    decimal Cost,
    string? FailCode,
    int Reports,
    string SolutionJson);

/// <summary>
/// All emulator state: accounts, tasks, runtime config, scenarios and the request log.
/// Hot paths use ConcurrentDictionary and Interlocked only.
/// </summary>
public sealed class EmulatorState : IDisposable
{
    /// <summary>The first task id handed out (above int32.MaxValue, to catch int32 clients).</summary>
    public const long FirstTaskId = 3_000_000_001;

    private static readonly HttpClient CallbackClient = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(2),
    };

    private readonly EmulatorOptions _options;
    private readonly ConcurrentDictionary<string, Account>.AlternateLookup<ReadOnlySpan<char>> _accountsBySpan;
    private readonly ConcurrentDictionary<long, TaskRecord> _callbacks = new();
    private EmulatorConfig _config;
    private long _lastTaskId = FirstTaskId - 1;
    private ITimer? _timer;
    private int _ticks;
    private int _sweeping;

    /// <summary>Creates the state for <paramref name="options"/> (keys get the starting balance).</summary>
    public EmulatorState(EmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _config = EmulatorConfig.From(options);
        Clock = options.TimeProvider;
        Log = new RequestLog(options.LogLimit);
        _accountsBySpan = Accounts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (string key in options.EffectiveKeys)
        {
            SetKey(key, options.Balance);
        }
    }

    /// <summary>Tasks currently held (expired ones disappear on access or sweep).</summary>
    public int TaskCount => Tasks.Count;

    /// <summary>The last task id handed out.</summary>
    public long LastTaskId => Interlocked.Read(ref _lastTaskId);

    internal TimeProvider Clock { get; }

    internal string UserAgent => _options.UserAgent;

    internal ConcurrentDictionary<long, TaskRecord> Tasks { get; } = new();

    internal ConcurrentDictionary<string, Account> Accounts { get; } = new(StringComparer.Ordinal);

    internal ScenarioQueue Scenarios { get; } = new();

    /// <summary>Numbers API requests for fault mode's draw.</summary>
    internal FaultCounter FaultCount { get; } = new();

    internal RequestLog Log { get; }

    internal EmulatorConfig Config
    {
        get => Volatile.Read(ref _config);
        set => Volatile.Write(ref _config, value);
    }

    internal long NowTicks => Clock.GetUtcNow().UtcTicks;

    /// <summary>Balance of a key (suffixes allowed), or null when the key is not accepted.</summary>
    public decimal? GetBalance(string key) => FindAccount(key)?.Balance;

    /// <summary>Adds a key or sets its balance; /emulator/reset restores this balance.</summary>
    public void SetKey(string key, decimal balance)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Contains("__", StringComparison.Ordinal))
        {
            throw new ArgumentException("A key must not contain \"__\".", nameof(key));
        }

        long units = decimal.ToInt64(decimal.Round(balance * TaskRules.UnitsPerDollar));
        Accounts.AddOrUpdate(
            key,
            static (k, u) => new Account(k, u),
            static (_, existing, u) =>
            {
                Volatile.Write(ref existing.ResetUnits, u);
                Volatile.Write(ref existing.BalanceUnits, u);
                return existing;
            },
            units);
    }

    /// <summary>A snapshot of a task, or null when unknown or expired.</summary>
    public EmulatorTaskInfo? GetTask(long taskId)
    {
        if (!Tasks.TryGetValue(taskId, out TaskRecord? t) || IsExpired(t, NowTicks))
        {
            return null;
        }

        return new EmulatorTaskInfo(
            t.Id,
            t.Spec.Type,
            t.Spec.Variant,
            t.Account.KeyId,
            new DateTimeOffset(t.CreatedTicks, TimeSpan.Zero),
            new DateTimeOffset(t.ReadyTicks, TimeSpan.Zero),
            Volatile.Read(ref t.Polls),
            Volatile.Read(ref t.Settled) == 1,
            Cost(t),
            t.FailCode,
            Volatile.Read(ref t.Reports),
            Encoding.UTF8.GetString(t.Solution));
    }

    /// <summary>The request log, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> GetLog() => Log.Snapshot();

    /// <summary>Clears tasks, scenarios and the log; restores balances and the start-up config.</summary>
    public void Reset()
    {
        Tasks.Clear();
        _callbacks.Clear();
        Scenarios.Clear();
        Log.Clear();
        Config = EmulatorConfig.From(_options);
        FaultCount.Restart();
        foreach (Account a in Accounts.Values)
        {
            Volatile.Write(ref a.BalanceUnits, Volatile.Read(ref a.ResetUnits));
        }
    }

    /// <summary>Settles tasks that became ready (debit) and removes expired ones; returns how many were removed.</summary>
    public int Sweep()
    {
        long now = NowTicks;
        int removed = 0;
        foreach (KeyValuePair<long, TaskRecord> pair in Tasks)
        {
            TaskRecord t = pair.Value;
            if (IsExpired(t, now))
            {
                if (Tasks.TryRemove(pair))
                {
                    removed++;
                }

                _callbacks.TryRemove(t.Id, out _);
            }
            else if (now >= t.ReadyTicks)
            {
                Settle(t);
            }
        }

        return removed;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    internal static decimal Cost(TaskRecord t) =>
        JsonUtil.Normalize(t.Spec.CostUnits / (decimal)TaskRules.UnitsPerDollar);

    /// <summary>Starts the one background timer: callbacks every 200 ms, sweep every second.</summary>
    internal void StartTimer()
    {
        _timer = TimeProvider.System.CreateTimer(static s => ((EmulatorState)s!).OnTimer(), this, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
    }

    internal long NewTaskId() => Interlocked.Increment(ref _lastTaskId);

    /// <summary>The account of a client key (suffixes ignored), or null.</summary>
    internal Account? FindAccount(string? clientKey)
    {
        if (string.IsNullOrEmpty(clientKey))
        {
            return null;
        }

        return _accountsBySpan.TryGetValue(KeyIds.BaseKey(clientKey), out Account? account) ? account : null;
    }

    /// <summary>Solve time for a task: uniform in [min,max], drawn from a hash of (seed, taskId): deterministic and lock-free.</summary>
    internal long DrawLatencyMs(long taskId, EmulatorConfig config)
    {
        ulong range = (ulong)(config.LatencyMaxMs - config.LatencyMinMs) + 1;
        ulong x = unchecked((ulong)_options.Seed ^ (ulong)taskId);
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return config.LatencyMinMs + (long)(x % range);
    }

    internal void Add(TaskRecord task)
    {
        Tasks[task.Id] = task;
        if (task.Callback is not null)
        {
            _callbacks[task.Id] = task;
        }
    }

    /// <summary>The task if it exists, belongs to <paramref name="account"/> and has not expired (expired ones are removed).</summary>
    internal TaskRecord? FindTask(long taskId, Account account, long now)
    {
        if (!Tasks.TryGetValue(taskId, out TaskRecord? t))
        {
            return null;
        }

        if (IsExpired(t, now))
        {
            Tasks.TryRemove(new KeyValuePair<long, TaskRecord>(taskId, t));
            return null;
        }

        return ReferenceEquals(t.Account, account) ? t : null;
    }

    /// <summary>Debits a solved task once (failed tasks are free).</summary>
    internal static void Settle(TaskRecord t)
    {
        if (Interlocked.CompareExchange(ref t.Settled, 1, 0) == 0 && t.FailCode is null)
        {
            t.Account.Debit(t.Spec.CostUnits);
        }
    }

    private bool IsExpired(TaskRecord t, long now) =>
        now - t.CreatedTicks > Config.TtlSeconds * TimeSpan.TicksPerSecond;

    private void OnTimer()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_callbacks.IsEmpty)
            {
                SendCallbacks();
            }

            if (++_ticks % 5 == 0)
            {
                Sweep();
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private void SendCallbacks()
    {
        long now = NowTicks;
        foreach (KeyValuePair<long, TaskRecord> pair in _callbacks)
        {
            TaskRecord t = pair.Value;
            if (now < t.ReadyTicks || Interlocked.Exchange(ref t.CallbackState, 1) != 0)
            {
                continue;
            }

            _callbacks.TryRemove(pair);
            Settle(t);
            byte[] body = t.FailCode is null ? Responses.Ready(t) : Responses.Error(t.FailCode, t.FailDescription ?? ErrorCodes.Describe(t.FailCode));
            _ = PostCallbackAsync(t.Callback!, body);
        }
    }

    private static async Task PostCallbackAsync(Uri url, byte[] body)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using HttpResponseMessage response = await CallbackClient.PostAsync(url, content).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The service ignores the receiver's failures; so do we.
        }
        catch (TaskCanceledException)
        {
            // Receiver slower than 2 s: dropped, as documented for the live service.
        }
    }

    /// <summary>A callbackUrl the emulator will call: absolute http(s) on a loopback host; other URLs are accepted but never called.</summary>
    internal static Uri? LoopbackCallback(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.IsLoopback
            ? uri
            : null;

    internal static string FormatTime(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
