using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CapMonster.Emulator;

/// <summary>Start-up settings of the emulator: parsed from the command line or built by a test.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The key accepted when no <c>--key</c> is given.</summary>
    public const string DefaultKey = "c0ffee00c0ffee00c0ffee00c0ffee00";

    /// <summary>The answer of <c>GET /api/useragent/actual</c> and the userAgent of solutions whose task gave none.</summary>
    public const string DefaultUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Accepted API keys; empty means <see cref="DefaultKey"/> alone.</summary>
    public IList<string> Keys { get; } = new List<string>();

    /// <summary>Smallest solve time in milliseconds.</summary>
    public int LatencyMinMs { get; set; } = 300;

    /// <summary>Largest solve time in milliseconds.</summary>
    public int LatencyMaxMs { get; set; } = 1000;

    /// <summary>Seconds a task is kept after creation; later it is ERROR_NO_SUCH_CAPCHA_ID.</summary>
    public int TtlSeconds { get; set; } = 300;

    /// <summary>Starting balance of each key.</summary>
    public decimal Balance { get; set; } = 100m;

    /// <summary>Minimum spacing of getTaskResult calls for one task in ms (0 = no check).</summary>
    public int MinPollIntervalMs { get; set; }

    /// <summary>getTaskResult calls allowed per task; the next ones are ERROR_TOO_MUCH_REQUESTS.</summary>
    public int MaxPolls { get; set; } = 120;

    /// <summary>Seed of the (per task id, lock-free) latency draw.</summary>
    public long Seed { get; set; }

    /// <summary>Maximum number of request-log entries kept.</summary>
    public int LogLimit { get; set; } = 1_000_000;

    /// <summary>Use 403/402/429 for key, balance and poll-limit errors instead of 200.</summary>
    public bool ObservedStatuses { get; set; }

    /// <summary>Content-Type of JSON answers (the live service sometimes says text/plain).</summary>
    public string ContentType { get; set; } = "application/json; charset=utf-8";

    /// <summary>The user agent the emulator calls current.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>Share of API requests that meet a fault (0 = off); see <see cref="Faults"/>.</summary>
    public double FaultRate { get; set; }

    /// <summary>Seed of the fault draw.</summary>
    public long FaultSeed { get; set; }

    /// <summary>The kinds of fault drawn from.</summary>
    public string[] FaultKinds { get; set; } = Faults.Kinds;

    /// <summary>How long a stall holds a request, in ms.</summary>
    public int FaultStallMs { get; set; } = 3000;

    /// <summary>Program only: stop when stdin is closed.</summary>
    public bool ExitOnStdinClose { get; set; }

    /// <summary>Send framework warnings and errors to stderr (off in-process).</summary>
    public bool Verbose { get; set; }

    /// <summary>Set by <see cref="Parse"/> when <c>--help</c> was given.</summary>
    public bool ShowHelp { get; private set; }

    /// <summary>Set by <see cref="Parse"/> when <c>--list-task-types</c> was given.</summary>
    public bool ListTaskTypes { get; private set; }

    /// <summary>Set by <see cref="Parse"/> when <c>--version</c> was given.</summary>
    public bool ShowVersion { get; private set; }

    /// <summary>The clock of all task timing; tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The keys actually accepted (the default key when none was configured).</summary>
    internal IReadOnlyList<string> EffectiveKeys => Keys.Count == 0 ? [DefaultKey] : [.. Keys];

    /// <summary>
    /// Every command-line option: name, value placeholder (null for a switch), help text and how it sets the options.
    /// Parsing and <see cref="Usage"/> both read this table, so a new option is one row and shows in --help.
    /// </summary>
    private static readonly CommandLineOption[] CommandLineOptions =
    [
        new("--port", "N", "port to listen on (0 = a free port; default 0)", (o, v, n) => o.Port = ParseInt(n, v, 0, 65535)),
        new("--key", "K", "accepted API key (repeatable; default " + DefaultKey + ")", (o, v, _) => o.Keys.Add(v)),
        new("--latency", "MIN-MAX", "solve time in ms, uniform in [MIN,MAX] (or one value; default 300-1000)",
            (o, v, n) => (o.LatencyMinMs, o.LatencyMaxMs) = ParseRange(n, v)),
        new("--ttl", "SECONDS", "how long a task and its result are kept (default 300)", (o, v, n) => o.TtlSeconds = ParseInt(n, v, 1, int.MaxValue)),
        new("--balance", "AMOUNT", "starting balance of every key (default 100)", (o, v, n) => o.Balance = ParseDecimal(n, v)),
        new("--min-poll-interval", "MS", "getTaskResult closer than this to the previous one for a task\ngives ERROR_TOO_MUCH_REQUESTS (0 = off; default 0)",
            (o, v, n) => o.MinPollIntervalMs = ParseInt(n, v, 0, int.MaxValue)),
        new("--max-polls", "N", "getTaskResult calls allowed per task (default 120)", (o, v, n) => o.MaxPolls = ParseInt(n, v, 1, int.MaxValue)),
        new("--seed", "N", "seed of the latency draw (default 0)", (o, v, n) => o.Seed = ParseInt(n, v, int.MinValue, int.MaxValue)),
        new("--log-limit", "N", "request-log entries kept, oldest dropped first (default 1000000)", (o, v, n) => o.LogLimit = ParseInt(n, v, 0, int.MaxValue)),
        new("--observed-statuses", null, "answer key/balance/rate errors with 403/402/429 instead of 200", (o, _, _) => o.ObservedStatuses = true),
        new("--content-type", "TYPE", "Content-Type of JSON answers (default application/json; charset=utf-8)", (o, v, _) => o.ContentType = v),
        new("--user-agent", "UA", "the user agent served by /api/useragent/actual", (o, v, _) => o.UserAgent = v),
        new("--fault-rate", "R", "share of API requests that meet a fault, 0-1 (default 0 = off)", (o, v, n) => o.FaultRate = ParseRate(n, v)),
        new("--fault-seed", "N", "seed of the fault draw: the same seed, the same faults (default 0)",
            (o, v, n) => o.FaultSeed = ParseInt(n, v, int.MinValue, int.MaxValue)),
        new("--fault-kinds", "LIST", "faults drawn from, comma-separated: html502, http503,\nresetBefore, resetAfter, stall, http429 (default all)",
            (o, v, _) => o.FaultKinds = Faults.ParseKinds(v)),
        new("--fault-stall-ms", "MS", "how long a stall holds a request (default 3000)", (o, v, n) => o.FaultStallMs = ParseInt(n, v, 0, 600_000)),
        new("--exit-on-stdin-close", null, "stop when standard input reaches end of file", (o, _, _) => o.ExitOnStdinClose = true),
        new("--verbose", null, "framework warnings and errors to stderr", (o, _, _) => o.Verbose = true),
        new("--list-task-types", null, "print the task types as JSON (as GET /emulator/tasktypes) and exit", (o, _, _) => o.ListTaskTypes = true),
        new("--version", null, "print the version and exit", (o, _, _) => o.ShowVersion = true),
        new("--help", null, "print this text and exit (also -h, -?)", (o, _, _) => o.ShowHelp = true),
    ];

    /// <summary>The command-line help text, generated from the option table.</summary>
    public static string Usage
    {
        get
        {
            var text = new StringBuilder()
                .AppendLine("capmonster-emulator: a local stand-in for api.capmonster.cloud (127.0.0.1 only).")
                .AppendLine("The first line written to stdout is the base URL, e.g. http://127.0.0.1:54321")
                .AppendLine("Stops on Ctrl+C, SIGTERM or SIGQUIT (exit code 0); exit code 1: cannot listen, 2: bad arguments.")
                .AppendLine()
                .AppendLine("Usage: capmonster-emulator [options]")
                .AppendLine()
                .AppendLine("Options:");
            const int column = 27;
            foreach (CommandLineOption option in CommandLineOptions)
            {
                string head = option.Value is null ? option.Name : option.Name + " " + option.Value;
                string[] lines = option.Help.Split('\n');
                text.Append("  ").Append(head.PadRight(column - 3)).Append(' ').AppendLine(lines[0]);
                foreach (string line in lines.Skip(1))
                {
                    text.Append(' ', column).AppendLine(line);
                }
            }

            return text.ToString().TrimEnd();
        }
    }

    /// <summary>Parses command-line arguments (<c>--name value</c> or <c>--name=value</c>).</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value.</exception>
    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new EmulatorOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string name = arg;
            string? inline = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                inline = arg[(eq + 1)..];
            }

            if (name is "-h" or "-?" or "/?")
            {
                name = "--help";
            }

            CommandLineOption option = CommandLineOptions.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown option {arg}. Use --help.", nameof(args));
            string value;
            if (option.Value is null)
            {
                value = string.Empty;
            }
            else if (inline is not null)
            {
                value = inline;
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new ArgumentException($"Option {name} needs a value.", nameof(args));
            }

            option.Apply(options, value, name);
        }

        options.Validate();
        return options;
    }

    /// <summary>Checks value ranges; StartAsync calls it too.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException("Port must be 0-65535.");
        }

        if (LatencyMinMs < 0 || LatencyMaxMs < LatencyMinMs)
        {
            throw new ArgumentException("Latency must be MIN-MAX with 0 <= MIN <= MAX.");
        }

        if (TtlSeconds < 1 || MaxPolls < 1 || MinPollIntervalMs < 0 || LogLimit < 0)
        {
            throw new ArgumentException("ttl and max-polls must be >= 1; min-poll-interval and log-limit >= 0.");
        }

        if (Balance < 0)
        {
            throw new ArgumentException("Balance must not be negative.");
        }

        foreach (string key in Keys)
        {
            if (string.IsNullOrEmpty(key) || key.Contains("__", StringComparison.Ordinal))
            {
                throw new ArgumentException("A key must be non-empty and must not contain \"__\" (that starts a suffix).");
            }
        }
    }

    /// <summary>Parses "MIN-MAX" or a single "N" (both ends equal) in milliseconds.</summary>
    internal static (int Min, int Max) ParseRange(string name, string text)
    {
        int dash = text.IndexOf('-', 1 < text.Length ? 1 : 0);
        if (dash < 0)
        {
            int single = ParseInt(name, text, 0, int.MaxValue);
            return (single, single);
        }

        int min = ParseInt(name, text[..dash], 0, int.MaxValue);
        int max = ParseInt(name, text[(dash + 1)..], 0, int.MaxValue);
        if (max < min)
        {
            throw new ArgumentException($"Option {name}: MAX must be >= MIN in '{text}'.", nameof(text));
        }

        return (min, max);
    }

    private static int ParseInt(string name, string text, int min, int max)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new ArgumentException($"Option {name}: '{text}' is not an integer in [{min}, {max}].", nameof(text));
        }

        return value;
    }

    /// <summary>A share between 0 and 1.</summary>
    internal static double ParseRate(string name, string text)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 0 && value <= 1))
        {
            throw new ArgumentException($"Option {name}: '{text}' is not a number from 0 to 1.", nameof(text));
        }

        return value;
    }

    private static decimal ParseDecimal(string name, string text)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value) || value < 0)
        {
            throw new ArgumentException($"Option {name}: '{text}' is not a non-negative number.", nameof(text));
        }

        return value;
    }
}

/// <summary>One command-line option: <paramref name="Value"/> is the placeholder of its value, null for a switch.</summary>
internal sealed record CommandLineOption(string Name, string? Value, string Help, Action<EmulatorOptions, string, string> Apply);

/// <summary>The settings that <c>POST /emulator/config</c> can change while running (swapped atomically).</summary>
internal sealed record EmulatorConfig(
    int LatencyMinMs,
    int LatencyMaxMs,
    int TtlSeconds,
    int MinPollIntervalMs,
    int MaxPolls,
    bool ObservedStatuses,
    string ContentType)
{
    /// <summary>Share of API requests that meet a fault (0 = fault mode off).</summary>
    public double FaultRate { get; init; }

    /// <summary>Seed of the fault draw.</summary>
    public long FaultSeed { get; init; }

    /// <summary>The kinds of fault drawn from.</summary>
    public string[] FaultKinds { get; init; } = Faults.Kinds;

    /// <summary>How long a stall holds a request before answering it normally.</summary>
    public int FaultStallMs { get; init; } = 3000;

    public static EmulatorConfig From(EmulatorOptions o) =>
        new(o.LatencyMinMs, o.LatencyMaxMs, o.TtlSeconds, o.MinPollIntervalMs, o.MaxPolls, o.ObservedStatuses, o.ContentType)
        {
            FaultRate = o.FaultRate,
            FaultSeed = o.FaultSeed,
            FaultKinds = o.FaultKinds,
            FaultStallMs = o.FaultStallMs,
        };
}
