using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;


/// <summary>A clock that only moves when told to.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void AdvanceMs(long ms) => Advance(TimeSpan.FromMilliseconds(ms));
}

/// <summary>An HTTP answer of the emulator.</summary>
internal sealed class Reply(HttpStatusCode status, string text, string? contentType)
{
    private JsonElement? _json;

    public HttpStatusCode Status { get; } = status;

    public string Text { get; } = text;

    public string? ContentType { get; } = contentType;

    public JsonElement Json => _json ??= JsonDocument.Parse(Text).RootElement.Clone();

    public int ErrorId => Json.GetProperty("errorId").GetInt32();

    public string? ErrorCode => Json.TryGetProperty("errorCode", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    public string? ErrorDescription => Json.TryGetProperty("errorDescription", out JsonElement e) ? e.GetString() : null;

    public long TaskId => Json.GetProperty("taskId").GetInt64();

    public string? Status2 => Json.TryGetProperty("status", out JsonElement e) ? e.GetString() : null;

    public JsonElement Solution => Json.GetProperty("solution");

    /// <summary>Asserts an API error with this code and returns the reply.</summary>
    public Reply ShouldFail(string code)
    {
        Assert.True(ErrorId == 1, $"expected {code}, got {Text}");
        Assert.Equal(code, ErrorCode);
        Assert.False(string.IsNullOrEmpty(ErrorDescription));
        return this;
    }

    /// <summary>Asserts errorId 0 and returns the reply.</summary>
    public Reply ShouldSucceed()
    {
        Assert.True(ErrorId == 0, "expected success, got " + Text);
        return this;
    }
}

/// <summary>An in-process emulator plus an HttpClient (no proxy, 127.0.0.1 only).</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const string Key = EmulatorOptions.DefaultKey;

    private Harness(EmulatorServer server, HttpClient http, ManualClock? clock)
    {
        Server = server;
        Http = http;
        Clock = clock;
    }

    public EmulatorServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>The manual clock, when the harness was started with one.</summary>
    public ManualClock? Clock { get; }

    public EmulatorState State => Server.State;

    /// <summary>Starts an emulator on a free port; <paramref name="manualClock"/> gives it a <see cref="ManualClock"/>.</summary>
    public static async Task<Harness> StartAsync(Action<EmulatorOptions>? configure = null, bool manualClock = false, int maxConnections = 64)
    {
        ManualClock? clock = manualClock ? new ManualClock() : null;
        var options = new EmulatorOptions { Port = 0 };
        if (clock is not null)
        {
            options.TimeProvider = clock;
        }

        configure?.Invoke(options);
        EmulatorServer server = await EmulatorServer.StartAsync(options);
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = maxConnections })
        {
            BaseAddress = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(20),
        };
        return new Harness(server, http, clock);
    }

    /// <summary>POSTs raw text to a path (relative to the base URI).</summary>
    public async Task<Reply> PostRawAsync(string path, string? body, string? contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return await SendAsync(request);
    }

    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using HttpResponseMessage response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text, response.Content.Headers.ContentType?.ToString());
    }

    public Task<Reply> CallAsync(string method, JsonObject body) => PostRawAsync(method, body.ToJsonString());

    public Task<Reply> CreateAsync(JsonObject task, string key = Key) =>
        CallAsync("createTask", new JsonObject { ["clientKey"] = key, ["task"] = task.Parent is null ? task : task.DeepClone() });

    public Task<Reply> CreateAsync(string taskJson, string key = Key) =>
        CreateAsync(JsonNode.Parse(taskJson)!.AsObject(), key);

    public Task<Reply> ResultAsync(long taskId, string key = Key) =>
        CallAsync("getTaskResult", new JsonObject { ["clientKey"] = key, ["taskId"] = taskId });

    public Task<Reply> BalanceAsync(string key = Key) =>
        CallAsync("getBalance", new JsonObject { ["clientKey"] = key });

    /// <summary>Creates a task and returns its id, failing the test on an error.</summary>
    public async Task<long> CreateIdAsync(string taskJson, string key = Key) =>
        (await CreateAsync(taskJson, key)).ShouldSucceed().TaskId;

    /// <summary>Calls a control endpoint (/emulator/...).</summary>
    public async Task<Reply> ControlAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, "emulator/" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await SendAsync(request);
    }

    /// <summary>Queues a scenario, asserting 200.</summary>
    public async Task ScenarioAsync(string json)
    {
        Reply reply = await ControlAsync(HttpMethod.Post, "scenarios", json);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Text);
    }

    /// <summary>Adds a fresh key with a balance and returns it.</summary>
    public string NewKey(decimal balance = 100m)
    {
        string key = Guid.NewGuid().ToString("N");
        State.SetKey(key, balance);
        return key;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>The documented solution value: "{field}-{taskId}-" + first 16 hex digits of SHA-256("{taskId}:{field}").</summary>
    public static string Expected(long taskId, string field)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{taskId}:{field}")));
        return FormattableString.Invariant($"{field}-{taskId}-{Convert.ToHexStringLower(hash)[..16]}");
    }

    /// <summary>A deterministic "image" of <paramref name="bytes"/> bytes, base64.</summary>
    public static string Image(int bytes, int seed = 1)
    {
        byte[] data = new byte[bytes];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (byte)((i * 31) + seed);
        }

        return Convert.ToBase64String(data);
    }
}

/// <summary>A shared emulator for table-driven tests: manual clock, zero latency, a large balance.</summary>
public sealed class SharedEmulatorFixture : IAsyncLifetime
{
    internal Harness Harness { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Harness = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; o.Balance = 1_000_000m; }, manualClock: true);

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
