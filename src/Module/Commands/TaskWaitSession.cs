using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using CapMonster.Api;
using CapMonster.Localization;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    using System.Threading.Tasks;

    /// <summary>
    /// A TaskWaiter bound to a cmdlet: each result or error is written on the pipeline thread the moment it is
    /// known, with progress (done/total, failures) at most four times a second. Used by Wait- and Invoke-CapMonsterTask.
    /// </summary>
    internal sealed class TaskWaitSession
    {
        private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

        private readonly CapMonsterCmdlet cmdlet;
        private readonly string activity;
        private readonly Action? onFinished;
        private readonly TaskWaiter waiter;
        private readonly ConcurrentDictionary<CaptchaTask, CapMonsterClient> pollers = new();
        private readonly ConcurrentDictionary<ConnectionSettings, CapMonsterClient> clients = new();
        private readonly Stopwatch sinceProgress = Stopwatch.StartNew();
        private Task? running;
        private int total;
        private int done;
        private int failed;

        /// <param name="cmdlet">Where results, errors and progress are written.</param>
        /// <param name="options">Interval, timeout, limits.</param>
        /// <param name="activity">The progress bar's title.</param>
        /// <param name="onFinished">Called (from any thread) as each task ends, e.g. to free a throttle slot.</param>
        internal TaskWaitSession(CapMonsterCmdlet cmdlet, WaitOptions options, string activity, Action? onFinished = null)
        {
            this.cmdlet = cmdlet;
            this.activity = activity;
            this.onFinished = onFinished;
            waiter = new TaskWaiter(SystemClock.Instance, options, PollAsync, OnOutcome);
        }

        /// <summary>The wait as the cmdlet's parameters set it.</summary>
        internal static WaitOptions OptionsFor(CapMonsterConnectionCmdlet cmdlet, double pollIntervalSec, int? waitTimeoutSec) => new()
        {
            PollInterval = TimeSpan.FromSeconds(pollIntervalSec),
            Timeout = waitTimeoutSec is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            // -MaximumRetryCount, else what Connect-CapMonster kept, else the default: as for every other call.
            MaxTransientFailures = cmdlet.IsBound(nameof(CapMonsterConnectionCmdlet.MaximumRetryCount)) ? cmdlet.MaximumRetryCount : SessionStore.Current?.MaximumRetryCount ?? cmdlet.MaximumRetryCount,
        };

        /// <summary>Adds a task, polled through the given connection (a client without retries of its own: the waiter retries on its schedule).</summary>
        internal void Add(CaptchaTask task, ConnectionSettings settings)
        {
            pollers[task] = clients.GetOrAdd(settings, s => new CapMonsterClient(s.WithMaximumRetryCount(0), cmdlet.Queue));
            Interlocked.Increment(ref total);
            running ??= waiter.RunAsync(cmdlet.StopToken);
            waiter.Add(task);
        }

        /// <summary>Writes what has finished so far; for ProcessRecord, between inputs.</summary>
        internal void WriteFinished() => cmdlet.Queue.RunQueued();

        /// <summary>Waits for every task added, writing results as they come; Ctrl+C ends it at once.</summary>
        internal void Finish()
        {
            waiter.CompleteAdding();
            try
            {
                if (running is not null)
                {
                    cmdlet.Queue.Pump(running);
                }
            }
            catch (OperationCanceledException) when (cmdlet.StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            if (total > 0)
            {
                cmdlet.WriteProgress(new ProgressRecord(0, activity, Messages.WaitStatus(done, total, failed)) { RecordType = ProgressRecordType.Completed });
            }
        }

        private Task<TaskResultResponse> PollAsync(CaptchaTask task, CancellationToken cancellationToken) =>
            pollers[task].GetTaskResultAsync(task.TaskId, retryRateLimits: false, cancellationToken);

        /// <summary>From the waiter's thread: build the result there, write it on the pipeline thread.</summary>
        private void OnOutcome(WaitItem item, TaskResultResponse? response, CapMonsterException? error)
        {
            pollers.TryRemove(item.Task, out _);
            CaptchaResult? result = response is null ? null : CaptchaResults.From(item.Task, response, item.Polls, DateTimeOffset.UtcNow);
            onFinished?.Invoke();
            cmdlet.Queue.Post(() =>
            {
                done++;
                if (error is not null)
                {
                    failed++;
                    cmdlet.WriteCapMonsterError(error, item.Task);
                }
                else
                {
                    cmdlet.WriteObject(result);
                }
                if (sinceProgress.Elapsed >= ProgressEvery || done == total)
                {
                    sinceProgress.Restart();
                    int percent = total == 0 ? 0 : done * 100 / total;
                    cmdlet.WriteProgress(new ProgressRecord(0, activity, Messages.WaitStatus(done, total, failed)) { PercentComplete = percent });
                }
            });
        }
    }

    /// <summary>Turns getTaskResult's answer into the CaptchaResult users see.</summary>
    internal static class CaptchaResults
    {
        internal static CaptchaResult From(CaptchaTask task, TaskResultResponse response, int polls, DateTimeOffset now)
        {
            PSObject? solution = response.Solution is { } json
                ? JsonValues.ToPowerShell(json) switch { PSObject o => o, var other => new PSObject(other) }
                : null;
            return new CaptchaResult(task, response.IsReady, solution, response.Cost, response.IsReady ? now : null, polls);
        }
    }
}
