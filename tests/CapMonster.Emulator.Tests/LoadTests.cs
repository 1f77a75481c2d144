using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;


/// <summary>Thousands of tasks created and polled concurrently finish without errors.</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task Two_thousand_concurrent_tasks_all_finish()
    {
        const int Tasks = 2000;
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 40; o.Balance = 1_000m; }, maxConnections: 64);
        using var gate = new SemaphoreSlim(64);
        int errors = 0, ready = 0;

        async Task RunOneAsync(int i)
        {
            await gate.WaitAsync();
            try
            {
                string task = i % 2 == 0
                    ? """{"type":"RecaptchaV2Task","websiteURL":"https://example.com/","websiteKey":"k"}"""
                    : "{\"type\":\"ImageToTextTask\",\"body\":\"" + Harness.Image(150, i) + "\"}";
                Reply created = await h.CreateAsync(task);
                if (created.ErrorId != 0)
                {
                    Interlocked.Increment(ref errors);
                    return;
                }

                for (int poll = 0; poll < 100; poll++)
                {
                    Reply result = await h.ResultAsync(created.TaskId);
                    if (result.ErrorId != 0)
                    {
                        Interlocked.Increment(ref errors);
                        return;
                    }

                    if (result.Status2 == "ready")
                    {
                        Interlocked.Increment(ref ready);
                        return;
                    }

                    await Task.Delay(10);
                }

                Interlocked.Increment(ref errors);
            }
            finally
            {
                gate.Release();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(RunOneAsync));
        Assert.Equal(0, errors);
        Assert.Equal(Tasks, ready);
        Assert.Equal(Tasks, h.State.TaskCount);
        Assert.Equal(EmulatorState.FirstTaskId + Tasks - 1, h.State.LastTaskId);
        Assert.Equal(1_000m - (1000 * 0.0006m) - (1000 * 0.0003m), h.State.GetBalance(Harness.Key));
    }
}
