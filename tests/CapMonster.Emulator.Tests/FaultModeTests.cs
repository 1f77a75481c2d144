using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace CapMonster.Emulator.Tests;

/// <summary>Fault mode (--fault-rate, --fault-seed, --fault-kinds) and the reset scenario.</summary>
public sealed class FaultModeTests
{
    private const string V2 = """{"type":"RecaptchaV2Task","websiteURL":"https://example.com/","websiteKey":"k"}""";

    /// <summary>What each of n getBalance calls met: "ok" or the logged scenario kind.</summary>
    private static async Task<List<string>> FaultsOfCalls(Harness h, int n)
    {
        for (int i = 0; i < n; i++)
        {
            try
            {
                await h.BalanceAsync();
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // A reset: the log says which.
            }
        }

        return h.State.GetLog().Select(e => e.Scenario ?? "ok").ToList();
    }

    [Fact]
    public async Task Meets_about_the_given_share_of_faults_of_every_kind_and_the_same_ones_for_the_same_seed()
    {
        List<string> first, second, other;
        await using (Harness h = await Harness.StartAsync(o => { o.FaultRate = 0.3; o.FaultSeed = 5; o.FaultStallMs = 0; }))
        {
            first = await FaultsOfCalls(h, 300);
        }

        await using (Harness h = await Harness.StartAsync(o => { o.FaultRate = 0.3; o.FaultSeed = 5; o.FaultStallMs = 0; }))
        {
            second = await FaultsOfCalls(h, 300);
        }

        await using (Harness h = await Harness.StartAsync(o => { o.FaultRate = 0.3; o.FaultSeed = 6; o.FaultStallMs = 0; }))
        {
            other = await FaultsOfCalls(h, 300);
        }

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        int faults = first.Count(k => k != "ok");
        Assert.InRange(faults, 60, 120);
        Assert.Equal(new[] { "abort", "html", "http", "reset", "slow" }, first.Where(k => k != "ok").Distinct().Order());
    }

    [Fact]
    public async Task Draws_only_the_kinds_asked_for_and_can_be_switched_on_at_run_time()
    {
        await using Harness h = await Harness.StartAsync();
        Assert.Equal(200, (int)(await h.ControlAsync(HttpMethod.Post, "config", """{"faultRate":1,"faultSeed":1,"faultKinds":"http429"}""")).Status);
        Reply reply = await h.BalanceAsync();
        Assert.Equal(429, (int)reply.Status);
        Assert.Equal(200, (int)(await h.ControlAsync(HttpMethod.Post, "config", """{"faultRate":0}""")).Status);
        (await h.BalanceAsync()).ShouldSucceed();
        Assert.Equal(400, (int)(await h.ControlAsync(HttpMethod.Post, "config", """{"faultKinds":"gremlins"}""")).Status);
    }

    [Fact]
    public async Task Reset_scenario_drops_the_connection_before_anything_is_created()
    {
        await using Harness h = await Harness.StartAsync();
        await h.ScenarioAsync("""{"method":"createTask","kind":"reset"}""");
        long before = h.State.LastTaskId;
        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => h.CreateAsync(V2));
        Assert.True(ex is HttpRequestException or IOException, ex.ToString());
        Assert.Equal(before, h.State.LastTaskId);
        Assert.Equal("reset", h.State.GetLog()[0].Scenario);
        Assert.Equal(0, h.State.GetLog()[0].HttpStatus);
    }

    [Fact]
    public void Parses_the_fault_options_and_refuses_bad_ones()
    {
        var options = CapMonster.Emulator.EmulatorOptions.Parse(["--fault-rate", "0.1", "--fault-seed", "42", "--fault-kinds", "html502,resetAfter", "--fault-stall-ms", "500"]);
        Assert.Equal(0.1, options.FaultRate);
        Assert.Equal(42, options.FaultSeed);
        Assert.Equal(new[] { "html502", "resetAfter" }, options.FaultKinds);
        Assert.Equal(500, options.FaultStallMs);
        Assert.Throws<ArgumentException>(() => CapMonster.Emulator.EmulatorOptions.Parse(["--fault-rate", "2"]));
        Assert.Throws<ArgumentException>(() => CapMonster.Emulator.EmulatorOptions.Parse(["--fault-kinds", "gremlins"]));
    }
}
