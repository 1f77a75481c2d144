using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace CapMonster.Emulator.Tests;


/// <summary>Every scenario kind of POST /emulator/scenarios, ordering, counts, key and method scoping.</summary>
public sealed class ScenarioTests
{
    private const string V2 = """{"type":"RecaptchaV2Task","websiteURL":"https://example.com/","websiteKey":"k"}""";

    private static Task<Harness> StartAsync() =>
        Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; }, manualClock: true);

    [Theory]
    [InlineData("ERROR_ZERO_BALANCE", 402)]
    [InlineData("ERROR_KEY_DOES_NOT_EXIST", 403)]
    [InlineData("ERROR_TOO_MUCH_REQUESTS", 429)]
    [InlineData("ERROR_IP_BANNED", 200)]
    [InlineData("ERROR_SOMETHING_NEW", 500)]
    [InlineData("ERROR_NO_SLOT_AVAILABLE", 502)]
    [InlineData("ERROR_CAPTCHA_UNSOLVABLE", 503)]
    public async Task Error_scenario_answers_the_code_with_the_status(string code, int status)
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync($$"""{"method":"getBalance","kind":"error","errorCode":"{{code}}","httpStatus":{{status}}}""");
        Reply reply = (await h.BalanceAsync()).ShouldFail(code);
        Assert.Equal((HttpStatusCode)status, reply.Status);
        Assert.Equal(0, reply.Json.GetProperty("taskId").GetInt32());

        // Used up: the next call is normal.
        (await h.BalanceAsync()).ShouldSucceed();
    }

    [Fact]
    public async Task Error_scenario_uses_a_built_in_or_given_description()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""[{"method":"getBalance","kind":"error","errorCode":"ERROR_ZERO_BALANCE"},{"method":"getBalance","kind":"error","errorCode":"ERROR_ZERO_BALANCE","errorDescription":"custom text"}]""");
        Assert.Equal("Account has zero or negative balance", (await h.BalanceAsync()).ErrorDescription);
        Assert.Equal("custom text", (await h.BalanceAsync()).ErrorDescription);
    }

    [Fact]
    public async Task Http_scenario_sends_a_plain_body()
    {
        await using Harness h = await StartAsync();
        long id = await h.CreateIdAsync(V2);
        await h.ScenarioAsync("""{"method":"getTaskResult","kind":"http","httpStatus":503,"body":"The service is unavailable."}""");
        Reply reply = await h.ResultAsync(id);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        Assert.Equal("The service is unavailable.", reply.Text);
        Assert.StartsWith("text/plain", reply.ContentType, StringComparison.Ordinal);

        // Default status 503 and a reason-phrase body.
        await h.ScenarioAsync("""{"method":"getTaskResult","kind":"http"}""");
        reply = await h.ResultAsync(id);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.Status);
        Assert.Equal("Service Unavailable", reply.Text);

        // The poll counter was not touched by the canned answers.
        Assert.Equal(0, h.State.GetTask(id)!.Polls);
    }

    [Fact]
    public async Task Html_scenario_sends_a_502_page()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"method":"createTask","kind":"html"}""");
        Reply reply = await h.CreateAsync(V2);
        Assert.Equal(HttpStatusCode.BadGateway, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType, StringComparison.Ordinal);
        Assert.Contains("<h1>502 Bad Gateway</h1>", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, h.State.TaskCount);
    }

    [Theory]
    [InlineData(null, 200)]
    [InlineData(500, 500)]
    public async Task Empty_scenario_sends_no_body(int? status, int expected)
    {
        await using Harness h = await StartAsync();
        string statusJson = status is null ? string.Empty : $",\"httpStatus\":{status}";
        await h.ScenarioAsync($$"""{"method":"getBalance","kind":"empty"{{statusJson}}}""");
        Reply reply = await h.BalanceAsync();
        Assert.Equal((HttpStatusCode)expected, reply.Status);
        Assert.Equal(string.Empty, reply.Text);
    }

    [Fact]
    public async Task Truncated_scenario_cuts_the_real_answer_in_half()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"method":"createTask","kind":"truncated"}""");
        Reply reply = await h.CreateAsync(V2);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(reply.Text));
        string whole = $"{{\"errorId\":0,\"taskId\":{h.State.LastTaskId}}}";
        Assert.Equal(whole[..(whole.Length / 2)], reply.Text);

        // The task was created anyway: the client cannot know its id.
        Assert.Equal(1, h.State.TaskCount);
    }

    [Fact]
    public async Task Slow_scenario_delays_the_normal_answer()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"method":"getBalance","kind":"slow","delayMs":300}""");
        var watch = Stopwatch.StartNew();
        (await h.BalanceAsync()).ShouldSucceed();
        Assert.True(watch.ElapsedMilliseconds >= 250, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Abort_scenario_drops_the_connection_mid_body()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"method":"getBalance","kind":"abort"}""");
        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => h.BalanceAsync());
        Assert.True(ex is HttpRequestException or IOException, ex.ToString());
        (await h.BalanceAsync()).ShouldSucceed();
        Assert.Equal("abort", h.State.GetLog()[0].Scenario);
    }

    [Fact]
    public async Task Unsolvable_scenario_fails_tasks_after_their_latency_without_charge()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 1000; o.LatencyMaxMs = 1000; o.Balance = 1m; }, manualClock: true);
        await h.ScenarioAsync("""[{"kind":"unsolvable"},{"kind":"unsolvable","errorCode":"ERROR_RECAPTCHA_TIMEOUT"}]""");
        long a = await h.CreateIdAsync(V2);
        long b = await h.CreateIdAsync(V2);
        long c = await h.CreateIdAsync(V2);
        Assert.Equal("processing", (await h.ResultAsync(a)).ShouldSucceed().Status2);
        h.Clock!.AdvanceMs(1000);
        (await h.ResultAsync(a)).ShouldFail("ERROR_CAPTCHA_UNSOLVABLE");
        (await h.ResultAsync(b)).ShouldFail("ERROR_RECAPTCHA_TIMEOUT");
        (await h.ResultAsync(c)).ShouldSucceed();
        Assert.Equal(0.9994m, h.State.GetBalance(Harness.Key));
    }

    [Fact]
    public async Task NoSlot_scenario_refuses_createTask()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"kind":"noSlot","count":2}""");
        (await h.CreateAsync(V2)).ShouldFail("ERROR_NO_SLOT_AVAILABLE");
        (await h.CreateAsync(V2)).ShouldFail("ERROR_NO_SLOT_AVAILABLE");
        (await h.CreateAsync(V2)).ShouldSucceed();
    }

    [Fact]
    public async Task Latency_scenario_sets_the_solve_time()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""[{"kind":"latency","latencyMs":5000},{"kind":"latency","latencyMs":9223372036854775807}]""");
        long slow = await h.CreateIdAsync(V2);
        long never = await h.CreateIdAsync(V2);
        h.Clock!.AdvanceMs(4999);
        Assert.Equal("processing", (await h.ResultAsync(slow)).Status2);
        h.Clock.AdvanceMs(1);
        Assert.Equal("ready", (await h.ResultAsync(slow)).Status2);
        h.Clock.Advance(TimeSpan.FromSeconds(290));
        Assert.Equal("processing", (await h.ResultAsync(never)).Status2);
        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, h.State.GetTask(never)!.ReadyAt.UtcTicks);
    }

    [Fact]
    public async Task Scenarios_are_consumed_in_order_and_by_count()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"method":"*","kind":"error","errorCode":"ERROR_IP_BLOCKED","count":2}""");
        await h.ScenarioAsync("""{"method":"getBalance","kind":"error","errorCode":"ERROR_IP_BANNED"}""");
        (await h.BalanceAsync()).ShouldFail("ERROR_IP_BLOCKED");
        (await h.CreateAsync(V2)).ShouldFail("ERROR_IP_BLOCKED");
        (await h.BalanceAsync()).ShouldFail("ERROR_IP_BANNED");
        (await h.BalanceAsync()).ShouldSucceed();
        Reply pending = await h.ControlAsync(HttpMethod.Get, "scenarios");
        Assert.Equal(0, pending.Json.GetArrayLength());
    }

    [Fact]
    public async Task Key_scoped_scenarios_only_touch_that_key_including_suffixed_forms()
    {
        await using Harness h = await StartAsync();
        string mine = h.NewKey();
        string theirs = h.NewKey();
        await h.ScenarioAsync($$"""{"method":"getBalance","kind":"error","errorCode":"ERROR_ZERO_BALANCE","key":"{{mine}}","count":2}""");
        (await h.BalanceAsync(theirs)).ShouldSucceed();
        (await h.BalanceAsync()).ShouldSucceed();
        (await h.BalanceAsync(mine)).ShouldFail("ERROR_ZERO_BALANCE");
        (await h.BalanceAsync(mine + "__nocache")).ShouldFail("ERROR_ZERO_BALANCE");
        (await h.BalanceAsync(mine)).ShouldSucceed();
    }

    [Fact]
    public async Task Scenarios_match_unknown_keys_and_keyless_requests_when_unscoped()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"method":"getUserAgent","kind":"http","httpStatus":500,"body":"oops"}""");
        using HttpResponseMessage ua = await h.Http.GetAsync(new Uri("api/useragent/actual", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, ua.StatusCode);
        Assert.Equal("oops", await ua.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"kind":"nope"}""")]
    [InlineData("""{"method":"fooBar","kind":"error","errorCode":"X"}""")]
    [InlineData("""{"kind":"error"}""")]
    [InlineData("""{"method":"getBalance","kind":"unsolvable"}""")]
    [InlineData("""{"kind":"latency"}""")]
    [InlineData("""{"kind":"error","errorCode":"X","httpStatus":99}""")]
    [InlineData("""{"kind":"error","errorCode":"X","count":0}""")]
    [InlineData("""not json""")]
    public async Task Bad_scenarios_are_refused_with_400(string json)
    {
        await using Harness h = await StartAsync();
        Reply reply = await h.ControlAsync(HttpMethod.Post, "scenarios", json);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.False(reply.Json.GetProperty("ok").GetBoolean());
        Assert.Equal(0, h.State.Scenarios.Count);
    }

    [Fact]
    public async Task Delete_clears_pending_scenarios()
    {
        await using Harness h = await StartAsync();
        await h.ScenarioAsync("""{"kind":"noSlot","count":5}""");
        Assert.Equal(HttpStatusCode.OK, (await h.ControlAsync(HttpMethod.Delete, "scenarios")).Status);
        (await h.CreateAsync(V2)).ShouldSucceed();
    }
}
