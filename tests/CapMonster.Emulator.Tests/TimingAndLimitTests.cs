using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;


/// <summary>Latency, TTL, the poll cap, the poll interval and balance debits, driven by a manual clock.</summary>
public sealed class TimingAndLimitTests
{
    private const string V2 = """{"type":"RecaptchaV2Task","websiteURL":"https://example.com/","websiteKey":"k"}""";

    [Fact]
    public async Task Task_is_processing_until_readyAt_then_ready()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 2000; o.LatencyMaxMs = 6000; }, manualClock: true);
        long id = await h.CreateIdAsync(V2);
        EmulatorTaskInfo info = h.State.GetTask(id)!;
        long latency = (long)(info.ReadyAt - info.CreatedAt).TotalMilliseconds;
        Assert.InRange(latency, 2000, 6000);

        Assert.Equal("processing", (await h.ResultAsync(id)).ShouldSucceed().Status2);
        h.Clock!.AdvanceMs(latency - 1);
        Assert.Equal("processing", (await h.ResultAsync(id)).ShouldSucceed().Status2);
        h.Clock.AdvanceMs(1);
        Reply ready = (await h.ResultAsync(id)).ShouldSucceed();
        Assert.Equal("ready", ready.Status2);
        Assert.False(ready.Json.TryGetProperty("errorCode", out System.Text.Json.JsonElement code) && code.ValueKind == System.Text.Json.JsonValueKind.String);
    }

    [Fact]
    public async Task Latency_draw_is_spread_over_the_range_and_seeded()
    {
        var seen = new HashSet<long>();
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 100; o.LatencyMaxMs = 200; o.Seed = 42; }, manualClock: true);
        long min = long.MaxValue, max = long.MinValue;
        for (int i = 0; i < 200; i++)
        {
            long id = await h.CreateIdAsync(V2);
            EmulatorTaskInfo t = h.State.GetTask(id)!;
            long ms = (long)(t.ReadyAt - t.CreatedAt).TotalMilliseconds;
            seen.Add(ms);
            min = Math.Min(min, ms);
            max = Math.Max(max, ms);
        }

        Assert.InRange(min, 100, 120);
        Assert.InRange(max, 180, 200);
        Assert.True(seen.Count > 50);

        // Same seed, same ids → same latencies.
        await using Harness again = await Harness.StartAsync(o => { o.LatencyMinMs = 100; o.LatencyMaxMs = 200; o.Seed = 42; }, manualClock: true);
        long first = await again.CreateIdAsync(V2);
        EmulatorTaskInfo a = again.State.GetTask(first)!;
        Assert.Equal(EmulatorState.FirstTaskId, first);
        Assert.Equal(h.State.DrawLatencyMs(first, new EmulatorConfig(100, 200, 300, 0, 120, false, "x")), (long)(a.ReadyAt - a.CreatedAt).TotalMilliseconds);
    }

    [Fact]
    public async Task Task_expires_after_ttl()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; o.TtlSeconds = 300; }, manualClock: true);
        long id = await h.CreateIdAsync(V2);
        long other = await h.CreateIdAsync(V2);
        long untouched = await h.CreateIdAsync(V2);
        h.Clock!.Advance(TimeSpan.FromSeconds(300));
        (await h.ResultAsync(id)).ShouldSucceed();
        h.Clock.AdvanceMs(1);
        (await h.ResultAsync(id)).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");
        (await h.CallAsync("reportIncorrectTokenCaptcha", new() { ["clientKey"] = Harness.Key, ["taskId"] = other })).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");

        // The sweep drops what nobody asked for.
        Assert.Equal(1, h.State.TaskCount);
        Assert.Null(h.State.GetTask(untouched));
        Assert.Equal(1, h.State.Sweep());
        Assert.Equal(0, h.State.TaskCount);
    }

    [Fact]
    public async Task Unknown_task_and_foreign_task_are_no_such_id()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; }, manualClock: true);
        (await h.ResultAsync(123)).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");
        (await h.CallAsync("getTaskResult", new() { ["clientKey"] = Harness.Key })).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");
        long id = await h.CreateIdAsync(V2);
        string other = h.NewKey();
        (await h.ResultAsync(id, other)).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");

        // An int32-truncated id is unknown too.
        (await h.ResultAsync(unchecked((int)id))).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");

        // A numeric string is read as the id.
        (await h.PostRawAsync("getTaskResult", $"{{\"clientKey\":\"{Harness.Key}\",\"taskId\":\"{id}\"}}")).ShouldSucceed();
    }

    [Fact]
    public async Task More_than_max_polls_is_too_much_requests()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 1_000_000; o.LatencyMaxMs = 1_000_000; }, manualClock: true);
        long id = await h.CreateIdAsync(V2);
        for (int i = 0; i < 120; i++)
        {
            Assert.Equal("processing", (await h.ResultAsync(id)).ShouldSucceed().Status2);
        }

        (await h.ResultAsync(id)).ShouldFail("ERROR_TOO_MUCH_REQUESTS");
        Assert.Equal(121, h.State.GetTask(id)!.Polls);

        // Other tasks are unaffected.
        long fresh = await h.CreateIdAsync(V2);
        (await h.ResultAsync(fresh)).ShouldSucceed();
    }

    [Fact]
    public async Task Max_polls_can_be_lowered_at_run_time()
    {
        await using Harness h = await Harness.StartAsync(manualClock: true);
        await h.ControlAsync(System.Net.Http.HttpMethod.Post, "config", """{"maxPolls":3}""");
        long id = await h.CreateIdAsync(V2);
        for (int i = 0; i < 3; i++)
        {
            (await h.ResultAsync(id)).ShouldSucceed();
        }

        (await h.ResultAsync(id)).ShouldFail("ERROR_TOO_MUCH_REQUESTS");
    }

    [Fact]
    public async Task Polls_closer_than_min_interval_are_too_much_requests()
    {
        await using Harness h = await Harness.StartAsync(o => { o.MinPollIntervalMs = 2000; o.LatencyMinMs = 5000; o.LatencyMaxMs = 5000; }, manualClock: true);
        long id = await h.CreateIdAsync(V2);
        (await h.ResultAsync(id)).ShouldSucceed();
        h.Clock!.AdvanceMs(1999);
        (await h.ResultAsync(id)).ShouldFail("ERROR_TOO_MUCH_REQUESTS");
        h.Clock.AdvanceMs(2000);
        Assert.Equal("processing", (await h.ResultAsync(id)).ShouldSucceed().Status2);
        h.Clock.AdvanceMs(2000);
        Assert.Equal("ready", (await h.ResultAsync(id)).ShouldSucceed().Status2);

        // Off by default: back-to-back polls are fine.
        await using Harness off = await Harness.StartAsync(manualClock: true);
        long other = await off.CreateIdAsync(V2);
        (await off.ResultAsync(other)).ShouldSucceed();
        (await off.ResultAsync(other)).ShouldSucceed();
    }

    [Fact]
    public async Task Balance_is_debited_once_when_the_task_is_ready()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 1000; o.LatencyMaxMs = 1000; o.Balance = 1m; }, manualClock: true);
        long id = await h.CreateIdAsync(V2);
        Assert.Equal(1m, (await h.BalanceAsync()).ShouldSucceed().Json.GetProperty("balance").GetDecimal());
        h.Clock!.AdvanceMs(1000);
        Reply ready = (await h.ResultAsync(id)).ShouldSucceed();
        Assert.Equal(0.0006m, ready.Json.GetProperty("cost").GetDecimal());
        (await h.ResultAsync(id)).ShouldSucceed();
        Assert.Equal(0.9994m, (await h.BalanceAsync()).Json.GetProperty("balance").GetDecimal());

        // A ready task nobody polled is settled by the sweep.
        long unpolled = await h.CreateIdAsync(V2);
        h.Clock.AdvanceMs(1000);
        h.State.Sweep();
        Assert.True(h.State.GetTask(unpolled)!.Settled);
        Assert.Equal(0.9988m, h.State.GetBalance(Harness.Key));
    }

    [Fact]
    public async Task Balance_never_goes_below_zero_and_zero_balance_refuses_tasks()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; o.Balance = 0.001m; }, manualClock: true);
        long a = await h.CreateIdAsync(V2);
        long b = await h.CreateIdAsync(V2);
        (await h.ResultAsync(a)).ShouldSucceed();
        (await h.ResultAsync(b)).ShouldSucceed();
        Assert.Equal(0m, h.State.GetBalance(Harness.Key));
        Assert.Equal(0m, (await h.BalanceAsync()).Json.GetProperty("balance").GetDecimal());
        (await h.CreateAsync(V2)).ShouldFail("ERROR_ZERO_BALANCE");

        // getTaskResult and getBalance still work at zero.
        (await h.ResultAsync(a)).ShouldSucceed();
    }

    [Fact]
    public async Task Observed_statuses_map_key_balance_and_rate_errors()
    {
        await using Harness h = await Harness.StartAsync(o => { o.ObservedStatuses = true; o.Balance = 0m; o.MaxPolls = 1; }, manualClock: true);
        Reply bad = (await h.BalanceAsync("nope")).ShouldFail("ERROR_KEY_DOES_NOT_EXIST");
        Assert.Equal(HttpStatusCode.Forbidden, bad.Status);
        Reply zero = (await h.CreateAsync(V2)).ShouldFail("ERROR_ZERO_BALANCE");
        Assert.Equal(HttpStatusCode.PaymentRequired, zero.Status);

        h.State.SetKey(Harness.Key, 1m);
        long id = await h.CreateIdAsync(V2);
        await h.ResultAsync(id);
        Assert.Equal((HttpStatusCode)429, (await h.ResultAsync(id)).ShouldFail("ERROR_TOO_MUCH_REQUESTS").Status);

        // Default: everything is HTTP 200.
        await using Harness plain = await Harness.StartAsync(manualClock: true);
        Assert.Equal(HttpStatusCode.OK, (await plain.BalanceAsync("nope")).ShouldFail("ERROR_KEY_DOES_NOT_EXIST").Status);
    }
}
