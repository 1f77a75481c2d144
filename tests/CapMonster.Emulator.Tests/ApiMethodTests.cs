using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;


/// <summary>Each API method, transport tolerance (content types, casing, trailing slash) and key handling.</summary>
public sealed class ApiMethodTests
{
    private const string V2 = """{"type":"RecaptchaV2Task","websiteURL":"https://example.com/","websiteKey":"k"}""";

    private static Task<Harness> StartAsync() =>
        Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; }, manualClock: true);

    [Fact]
    public async Task GetBalance_returns_the_start_balance_as_a_number()
    {
        await using Harness h = await StartAsync();
        Reply reply = (await h.BalanceAsync()).ShouldSucceed();
        Assert.Equal(JsonValueKind.Number, reply.Json.GetProperty("balance").ValueKind);
        Assert.Equal(100m, reply.Json.GetProperty("balance").GetDecimal());
        Assert.StartsWith("application/json", reply.ContentType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown-key")]
    [InlineData("__nocache")]
    public async Task Missing_or_unknown_key_is_key_does_not_exist(string? key)
    {
        await using Harness h = await StartAsync();
        var body = new JsonObject();
        if (key is not null)
        {
            body["clientKey"] = key;
        }

        foreach (string method in new[] { "getBalance", "getTaskResult", "reportIncorrectImageCaptcha", "reportIncorrectTokenCaptcha" })
        {
            Reply reply = (await h.CallAsync(method, body)).ShouldFail("ERROR_KEY_DOES_NOT_EXIST");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(0, reply.Json.GetProperty("taskId").GetInt32());
        }

        body["task"] = JsonNode.Parse(V2);
        (await h.CallAsync("createTask", body)).ShouldFail("ERROR_KEY_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task Key_suffixes_are_ignored_for_the_key_check()
    {
        await using Harness h = await StartAsync();
        (await h.BalanceAsync(Harness.Key + "__nocache")).ShouldSucceed();
        long id = await h.CreateIdAsync(V2, Harness.Key + "__solvemedia__recognizingthreshold_70");
        (await h.ResultAsync(id, Harness.Key + "__nocache")).ShouldSucceed();
        (await h.BalanceAsync(Harness.Key + "x")).ShouldFail("ERROR_KEY_DOES_NOT_EXIST");
    }

    [Fact]
    public async Task CreateTask_then_getTaskResult_round_trip()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 500; o.LatencyMaxMs = 500; }, manualClock: true);
        Reply created = (await h.CreateAsync(V2)).ShouldSucceed();
        Assert.Equal(EmulatorState.FirstTaskId, created.TaskId);
        Assert.True(created.TaskId > int.MaxValue);
        Assert.Equal($"{{\"errorId\":0,\"taskId\":{created.TaskId}}}", created.Text);

        Reply processing = (await h.ResultAsync(created.TaskId)).ShouldSucceed();
        Assert.Equal("{\"errorId\":0,\"status\":\"processing\"}", processing.Text);
        h.Clock!.AdvanceMs(500);
        Reply ready = (await h.ResultAsync(created.TaskId)).ShouldSucceed();
        Assert.Equal("ready", ready.Status2);
        Assert.Equal(Harness.Expected(created.TaskId, "gRecaptchaResponse"), ready.Solution.GetProperty("gRecaptchaResponse").GetString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Body_is_read_whatever_the_content_type(string? contentType)
    {
        await using Harness h = await StartAsync();
        (await h.PostRawAsync("getBalance", $"{{\"clientKey\":\"{Harness.Key}\"}}", contentType)).ShouldSucceed();
    }

    [Fact]
    public async Task Utf8_bom_is_tolerated()
    {
        await using Harness h = await StartAsync();
        (await h.PostRawAsync("getBalance", $"\uFEFF{{\"clientKey\":\"{Harness.Key}\"}}")).ShouldSucceed();
    }

    [Theory]
    [InlineData("getBalance/")]
    [InlineData("GETBALANCE")]
    [InlineData("getbalance/")]
    public async Task Path_is_case_insensitive_and_takes_a_trailing_slash(string path)
    {
        await using Harness h = await StartAsync();
        (await h.PostRawAsync(path, $"{{\"clientKey\":\"{Harness.Key}\"}}")).ShouldSucceed();
    }

    [Fact]
    public async Task Unknown_method_and_wrong_verb()
    {
        await using Harness h = await StartAsync();
        Reply unknown = await h.PostRawAsync("getTaskStatus", $"{{\"clientKey\":\"{Harness.Key}\"}}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        unknown.ShouldFail("ERROR_NO_SUCH_METHOD");

        using HttpResponseMessage get = await h.Http.GetAsync(new Uri("getBalance", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task UserAgent_is_plain_text_without_a_key()
    {
        await using Harness h = await StartAsync();
        using HttpResponseMessage response = await h.Http.GetAsync(new Uri("api/useragent/actual", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        string ua = await response.Content.ReadAsStringAsync();
        Assert.Equal(EmulatorOptions.DefaultUserAgent, ua);
        Assert.Contains("Windows NT 10.0", ua, StringComparison.Ordinal);
        Assert.Contains("Chrome/", ua, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_check_kind_readiness_and_id()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 1000; o.LatencyMaxMs = 1000; }, manualClock: true);
        long token = await h.CreateIdAsync(V2);
        long image = await h.CreateIdAsync(TaskCatalog.Valid["ImageToText"].Task);
        long complex = await h.CreateIdAsync(TaskCatalog.Valid["ComplexImage recognition"].Task);
        long other = await h.CreateIdAsync(TaskCatalog.Valid["FunCaptcha"].Task);
        long geetest = await h.CreateIdAsync(TaskCatalog.Valid["GeeTest v4"].Task);
        long turnstile = await h.CreateIdAsync(TaskCatalog.Valid["Turnstile widget"].Task);

        Task<Reply> Report(string method, long id) =>
            h.CallAsync(method, new JsonObject { ["clientKey"] = Harness.Key, ["taskId"] = id });

        (await Report("reportIncorrectImageCaptcha", image)).ShouldFail("CAPTCHA_NOT_READY");
        h.Clock!.AdvanceMs(1000);

        Reply ok = (await Report("reportIncorrectImageCaptcha", image)).ShouldSucceed();
        Assert.Equal("{\"errorId\":0,\"status\":\"success\"}", ok.Text);
        (await Report("reportIncorrectImageCaptcha", complex)).ShouldSucceed();
        (await Report("reportIncorrectTokenCaptcha", token)).ShouldSucceed();
        (await Report("reportIncorrectRecaptcha", token)).ShouldSucceed();
        (await Report("reportIncorrectTokenCaptcha", geetest)).ShouldSucceed();
        (await Report("reportIncorrectTokenCaptcha", turnstile)).ShouldSucceed();
        Assert.Equal(2, h.State.GetTask(token)!.Reports);

        (await Report("reportIncorrectImageCaptcha", token)).ShouldFail("ERROR_TASK_NOT_SUPPORTED");
        (await Report("reportIncorrectTokenCaptcha", image)).ShouldFail("ERROR_TASK_NOT_SUPPORTED");
        (await Report("reportIncorrectRecaptcha", image)).ShouldFail("ERROR_TASK_NOT_SUPPORTED");
        (await Report("reportIncorrectTokenCaptcha", other)).ShouldFail("ERROR_TASK_NOT_SUPPORTED");
        (await Report("reportIncorrectImageCaptcha", 42)).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");
        (await Report("reportIncorrectTokenCaptcha", 42)).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");
    }

    [Fact]
    public async Task Reporting_a_failed_task_is_refused()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"kind":"unsolvable"}""");
        long id = await h.CreateIdAsync(V2);
        (await h.CallAsync("reportIncorrectTokenCaptcha", new JsonObject { ["clientKey"] = Harness.Key, ["taskId"] = id })).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");
    }

    [Fact]
    public async Task Loopback_callbackUrl_receives_the_result()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; });
        var body = new JsonObject
        {
            ["clientKey"] = Harness.Key,
            ["callbackUrl"] = $"http://127.0.0.1:{port}/cb",
            ["task"] = JsonNode.Parse(V2),
        };
        long id = (await h.CallAsync("createTask", body)).ShouldSucceed().TaskId;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using TcpClient client = await listener.AcceptTcpClientAsync(timeout.Token);
        string request = await ReadHttpRequestAsync(client.GetStream(), timeout.Token);
        Assert.StartsWith("POST /cb HTTP/1.1", request, StringComparison.Ordinal);
        string json = request[(request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal("ready", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(Harness.Expected(id, "gRecaptchaResponse"), doc.RootElement.GetProperty("solution").GetProperty("gRecaptchaResponse").GetString());
    }

    private static async Task<string> ReadHttpRequestAsync(NetworkStream stream, CancellationToken ct)
    {
        var text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (true)
        {
            int n = await stream.ReadAsync(buffer, ct);
            if (n == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            string s = text.ToString();
            int end = s.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            int cl = s.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
            int length = cl < 0 ? 0 : int.Parse(s[(cl + 15)..s.IndexOf("\r\n", cl, StringComparison.Ordinal)].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            if (s.Length - (end + 4) >= length)
            {
                byte[] ok = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(ok, ct);
                return s;
            }
        }

        throw new IOException("connection closed before the request was complete");
    }
}
