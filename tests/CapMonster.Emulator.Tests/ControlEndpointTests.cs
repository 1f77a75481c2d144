using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;


/// <summary>/emulator/keys, /config, /reset, /tasks/{id}, /sweep, /errors and the info page.</summary>
public sealed class ControlEndpointTests
{
    private const string V2 = """{"type":"RecaptchaV2Task","websiteURL":"https://example.com/","websiteKey":"k"}""";

    [Fact]
    public async Task Keys_can_be_added_and_their_balance_set()
    {
        await using Harness h = await Harness.StartAsync(manualClock: true);
        (await h.BalanceAsync("added-key-1")).ShouldFail("ERROR_KEY_DOES_NOT_EXIST");
        Reply added = await h.ControlAsync(HttpMethod.Post, "keys", """{"key":"added-key-1","balance":12.5}""");
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.DoesNotContain("added-key-1", added.Text, System.StringComparison.Ordinal);
        Assert.Equal(12.5m, (await h.BalanceAsync("added-key-1")).ShouldSucceed().Json.GetProperty("balance").GetDecimal());
        await h.ControlAsync(HttpMethod.Post, "keys", """{"key":"added-key-1","balance":0}""");
        (await h.CreateAsync(V2, "added-key-1")).ShouldFail("ERROR_ZERO_BALANCE");

        // Without a balance: the start-up balance.
        await h.ControlAsync(HttpMethod.Post, "keys", """{"key":"added-key-2"}""");
        Assert.Equal(100m, h.State.GetBalance("added-key-2"));

        Assert.Equal(HttpStatusCode.BadRequest, (await h.ControlAsync(HttpMethod.Post, "keys", """{"key":"a__b"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.ControlAsync(HttpMethod.Post, "keys", """{"balance":1}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.ControlAsync(HttpMethod.Post, "keys", """{"key":"k","balance":-1}""")).Status);
    }

    [Fact]
    public async Task Errors_lists_every_documented_code_with_the_text_it_is_answered_with()
    {
        await using Harness h = await Harness.StartAsync(manualClock: true);
        Reply errors = await h.ControlAsync(HttpMethod.Get, "errors");
        Assert.Equal(HttpStatusCode.OK, errors.Status);
        var listed = errors.Json.EnumerateArray().ToDictionary(e => e.GetProperty("code").GetString()!, e => e.GetProperty("description").GetString());
        Assert.Equal(ErrorCodes.Documented.Order(), listed.Keys.Order());
        Assert.Equal(ErrorCodes.Describe(ErrorCodes.ZeroBalance), listed[ErrorCodes.ZeroBalance]);
    }

    [Fact]
    public async Task Config_changes_apply_to_new_requests()
    {
        await using Harness h = await Harness.StartAsync(manualClock: true);
        Reply config = await h.ControlAsync(HttpMethod.Post, "config", """{"latency":"5000-5000","minPollIntervalMs":100,"maxPolls":7,"ttlSeconds":60,"contentType":"text/plain"}""");
        Assert.Equal("5000-5000", config.Json.GetProperty("latency").GetString());
        Assert.Equal(7, config.Json.GetProperty("maxPolls").GetInt32());

        long id = await h.CreateIdAsync(V2);
        EmulatorTaskInfo task = h.State.GetTask(id)!;
        Assert.Equal(5000, (task.ReadyAt - task.CreatedAt).TotalMilliseconds);
        Reply reply = await h.ResultAsync(id);
        Assert.StartsWith("text/plain", reply.ContentType, System.StringComparison.Ordinal);
        (await h.ResultAsync(id)).ShouldFail("ERROR_TOO_MUCH_REQUESTS");
        h.Clock!.Advance(System.TimeSpan.FromSeconds(61));
        (await h.ResultAsync(id)).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");

        Assert.Equal(HttpStatusCode.BadRequest, (await h.ControlAsync(HttpMethod.Post, "config", """{"latency":"9-1"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.ControlAsync(HttpMethod.Post, "config", """{"maxPolls":0}""")).Status);
        Assert.Equal(7, (await h.ControlAsync(HttpMethod.Get, "config")).Json.GetProperty("maxPolls").GetInt32());
    }

    [Fact]
    public async Task Reset_clears_tasks_scenarios_log_and_restores_balances_and_config()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; }, manualClock: true);
        long id = await h.CreateIdAsync(V2);
        await h.ResultAsync(id);
        await h.ScenarioAsync("""{"kind":"noSlot","count":3}""");
        await h.ControlAsync(HttpMethod.Post, "config", """{"maxPolls":1}""");
        Assert.NotEqual(100m, h.State.GetBalance(Harness.Key));

        Assert.Equal(HttpStatusCode.OK, (await h.ControlAsync(HttpMethod.Post, "reset")).Status);
        Assert.Equal(0, h.State.TaskCount);
        Assert.Empty(h.State.GetLog());
        Assert.Equal(100m, h.State.GetBalance(Harness.Key));
        (await h.ResultAsync(id)).ShouldFail("ERROR_NO_SUCH_CAPCHA_ID");
        long next = await h.CreateIdAsync(V2); // no noSlot scenario left
        Assert.True(next > id);
        Assert.Equal(120, (await h.ControlAsync(HttpMethod.Get, "config")).Json.GetProperty("maxPolls").GetInt32());
    }

    [Fact]
    public async Task Task_info_info_page_and_unknown_endpoints()
    {
        await using Harness h = await Harness.StartAsync(manualClock: true);
        long id = await h.CreateIdAsync(V2);
        Reply task = await h.ControlAsync(HttpMethod.Get, "tasks/" + id);
        Assert.Equal("RecaptchaV2Task", task.Json.GetProperty("type").GetString());
        Assert.Equal(Harness.Expected(id, "gRecaptchaResponse"), task.Json.GetProperty("solution").GetProperty("gRecaptchaResponse").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await h.ControlAsync(HttpMethod.Get, "tasks/1")).Status);

        Reply info = await h.ControlAsync(HttpMethod.Get, string.Empty);
        Assert.Equal(1, info.Json.GetProperty("tasks").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await h.ControlAsync(HttpMethod.Get, "nope")).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.ControlAsync(HttpMethod.Post, "sweep")).Status);
        Assert.DoesNotContain(h.State.GetLog(), e => e.Method != "createTask");
    }
}
