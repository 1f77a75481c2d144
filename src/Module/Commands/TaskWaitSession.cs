using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
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
    /// known (or, with -Ordered, in input order), with progress (done/total, failures) at most four times a second.
    /// Every input has a place from the moment it is taken until its outcome is written; whatever ends the call
    /// early, the places still open are named in a warning, with their task ids, so no paid task goes unreported.
    /// Used by Wait- and Invoke-CapMonsterTask.
    /// </summary>
    internal sealed class TaskWaitSession
    {
        private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

        private readonly CapMonsterCmdlet cmdlet;
        private readonly PipelineQueue queue;
        private readonly string activity;
        private readonly bool ordered;
        private readonly Action? onFinished;
        private readonly TaskWaiter waiter;
        private readonly CancellationTokenSource stopping;
        private readonly Task running;
        private readonly ConcurrentDictionary<CaptchaTask, (CapMonsterClient Poller, int Place)> tasks = new();
        private readonly ConcurrentDictionary<ConnectionSettings, CapMonsterClient> clients = new();
        private readonly ConcurrentDictionary<int, Place> open = new();
        private readonly Dictionary<int, (bool Counts, Action Write)> held = [];
        private readonly Stopwatch sinceProgress = Stopwatch.StartNew();
        private int places;
        private int nextToWrite;
        private int total;
        private int done;
        private int failed;

        /// <param name="cmdlet">Where results, errors and progress are written.</param>
        /// <param name="options">Interval, timeout, limits.</param>
        /// <param name="activity">The progress bar's title.</param>
        /// <param name="ordered">Write outcomes in input order rather than as they come.</param>
        /// <param name="onFinished">Called (from any thread) as each task ends, e.g. to free a throttle slot.</param>
        internal TaskWaitSession(CapMonsterCmdlet cmdlet, WaitOptions options, string activity, bool ordered, Action? onFinished = null)
        {
            this.cmdlet = cmdlet;
            // Taken here, on the pipeline thread, where the queue reads the cmdlet's preferences when it is made.
            queue = cmdlet.Queue;
            this.activity = activity;
            this.ordered = ordered;
            this.onFinished = onFinished;
            waiter = new TaskWaiter(SystemClock.Instance, options, PollAsync, OnOutcome);
            stopping = CancellationTokenSource.CreateLinkedTokenSource(cmdlet.StopToken);
            // Started here, once, on the pipeline thread: tasks are added from any thread later.
            running = waiter.RunAsync(stopping.Token);
            running.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        /// <summary>The wait as the cmdlet's parameters set it.</summary>
        internal static WaitOptions OptionsFor(CapMonsterConnectionCmdlet cmdlet, double pollIntervalSec, int? waitTimeoutSec) => new()
        {
            PollInterval = TimeSpan.FromSeconds(pollIntervalSec),
            Timeout = waitTimeoutSec is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            // -MaximumRetryCount, else what Connect-CapMonster kept, else the default: as for every other call.
            MaxTransientFailures = cmdlet.IsBound(nameof(CapMonsterConnectionCmdlet.MaximumRetryCount)) ? cmdlet.MaximumRetryCount : SessionStore.Current?.MaximumRetryCount ?? cmdlet.MaximumRetryCount,
        };

        /// <summary>Takes the next place in input order for <paramref name="input"/>; pipeline thread.</summary>
        internal int Reserve(object? input)
        {
            int place = places++;
            open[place] = new Place(input);
            return place;
        }

        /// <summary>Adds a task in a new place of its own.</summary>
        internal void Add(CaptchaTask task, ConnectionSettings settings) => Add(task, settings, Reserve(task));

        /// <summary>
        /// Adds a task to its place (callable from any thread), polled through the given connection: a client without
        /// retries of its own, since the waiter retries on its schedule.
        /// </summary>
        internal void Add(CaptchaTask task, ConnectionSettings settings, int place)
        {
            open[place].Task = task;
            tasks[task] = (clients.GetOrAdd(settings, s => new CapMonsterClient(s.WithMaximumRetryCount(0), queue)), place);
            Interlocked.Increment(ref total);
            waiter.Add(task);
        }

        /// <summary>The input of a place failed before it had a task (callable from any thread): its error takes the place.</summary>
        internal void Fail(int place, CapMonsterException error, object? input)
        {
            Interlocked.Increment(ref total);
            queue.Post(() => Write(place, counts: true, () =>
            {
                failed++;
                cmdlet.WriteCapMonsterError(error, input);
            }));
        }

        /// <summary>A place that ends with nothing to write (its input was not created after all); any thread.</summary>
        internal void Skip(int place) => queue.Post(() => Write(place, counts: false, () => { }));

        /// <summary>Writes what has finished so far; for ProcessRecord, between inputs.</summary>
        internal void WriteFinished() => queue.RunQueued();

        /// <summary>Waits for every task added, writing results as they come; Ctrl+C ends it at once.</summary>
        internal void Finish()
        {
            waiter.CompleteAdding();
            try
            {
                queue.Pump(running);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            queue.RunQueued();
            if (total > 0)
            {
                cmdlet.WriteProgress(new ProgressRecord(0, activity, Messages.WaitStatus(done, total, failed)) { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>
        /// Runs a step of the cmdlet (ProcessRecord, EndProcessing). If anything ends it early (Ctrl+C, -ErrorAction
        /// Stop, a terminating error), polling stops and every task not yet written is named in a warning.
        /// </summary>
        internal void Guard(Action step)
        {
            try
            {
                step();
            }
            catch
            {
                Stop();
                throw;
            }
        }

        /// <summary>
        /// Stops polling and names every place not yet written: its task id (or that its creation was under way) and
        /// its input. Called by Guard and before the cmdlet is disposed (a stop further up the pipeline ends this
        /// cmdlet without EndProcessing), so nothing runs on with disposed parts and no paid task goes unnamed.
        /// </summary>
        internal void Stop()
        {
            waiter.CompleteAdding();
            stopping.Cancel();
            List<Place> left = open.OrderBy(p => p.Key).Select(p => p.Value).ToList();
            open.Clear();
            List<Place> created = left.Where(p => p.Task is not null).ToList();
            if (created.Count > 0)
            {
                StopReport.Warn(cmdlet, Messages.UnfinishedTasks(
                    created.Count,
                    string.Join(", ", created.Select(p => p.Task!.TaskId.ToString(CultureInfo.InvariantCulture))),
                    string.Join("; ", created.Select(p => Messages.TaskOfInput(p.Task!.TaskId, StopReport.Show(p.Input))))));
            }
            List<Place> creating = left.Where(p => p.Task is null && p.Creating).ToList();
            if (creating.Count > 0)
            {
                StopReport.Warn(cmdlet, Messages.UnfinishedCreations(creating.Count, string.Join("; ", creating.Select(p => StopReport.Show(p.Input)))));
            }
        }

        /// <summary>Marks whether a place's input is being created: if the call ends then, a task may exist for it.</summary>
        internal void Creating(int place, bool creating) => open[place].Creating = creating;


        private Task<TaskResultResponse> PollAsync(CaptchaTask task, CancellationToken cancellationToken) =>
            tasks[task].Poller.GetTaskResultAsync(task.TaskId, retryRateLimits: false, cancellationToken);

        /// <summary>From the waiter's thread: build the result there, write it on the pipeline thread.</summary>
        private void OnOutcome(WaitItem item, TaskResultResponse? response, CapMonsterException? error)
        {
            // Building the result can fail on an answer nothing can read; the waiter then calls again with the error.
            CaptchaResult? result = response is null ? null : CaptchaResults.From(item.Task, response, item.Polls, DateTimeOffset.UtcNow);
            tasks.TryRemove(item.Task, out var entry);
            onFinished?.Invoke();
            queue.Post(() => Write(entry.Place, counts: true, () =>
            {
                if (error is not null)
                {
                    failed++;
                    cmdlet.WriteCapMonsterError(error, item.Task);
                }
                else
                {
                    cmdlet.WriteObject(result);
                }
            }));
        }

        /// <summary>On the pipeline thread: writes a place's outcome now, or (with -Ordered) once every earlier place is written.</summary>
        private void Write(int place, bool counts, Action write)
        {
            if (!ordered)
            {
                WriteOne(place, counts, write);
                return;
            }
            held[place] = (counts, write);
            while (held.TryGetValue(nextToWrite, out (bool Counts, Action Write) next))
            {
                held.Remove(nextToWrite);
                WriteOne(nextToWrite++, next.Counts, next.Write);
            }
        }

        private void WriteOne(int place, bool counted, Action write)
        {
            // Off the list first: if writing stops the call (-ErrorAction Stop), this one was written.
            open.TryRemove(place, out _);
            if (counted)
            {
                done++;
            }
            write();
            if (counted && (sinceProgress.Elapsed >= ProgressEvery || done == total))
            {
                sinceProgress.Restart();
                int percent = total == 0 ? 0 : done * 100 / total;
                cmdlet.WriteProgress(new ProgressRecord(0, activity, Messages.WaitStatus(done, total, failed)) { PercentComplete = percent });
            }
        }

        /// <summary>One input's place: its input, and its task once created.</summary>
        private sealed class Place
        {
            internal Place(object? input) => Input = input;

            internal object? Input { get; }

            internal CaptchaTask? Task { get; set; }

            internal bool Creating { get; set; }
        }
    }

    /// <summary>What a call that stops early says about the tasks it leaves behind.</summary>
    internal static class StopReport
    {
        /// <summary>How much of an input a warning shows.</summary>
        private const int InputTextLength = 80;

        /// <summary>A warning; to the console when the pipeline takes nothing more (Ctrl+C, a pipeline stopped upstream).</summary>
        internal static void Warn(CapMonsterCmdlet cmdlet, string text)
        {
            try
            {
                cmdlet.WriteWarning(text);
            }
            catch (Exception e) when (e is PipelineStoppedException or InvalidOperationException)
            {
                cmdlet.Host?.UI?.WriteWarningLine(text);
            }
        }

        /// <summary>An input as a warning shows it: short, its property values read safely.</summary>
        internal static string Show(object? input)
        {
            string text = input switch
            {
                null => string.Empty,
                PSObject { BaseObject: PSCustomObject } custom => "@{" + string.Join("; ", custom.Properties.Select(p => p.Name + "=" + SafeValue(p))) + "}",
                _ => Convert.ToString(input, CultureInfo.InvariantCulture) ?? string.Empty,
            };
            return text.Length <= InputTextLength ? text : text.Substring(0, InputTextLength) + "…";
        }

        private static string SafeValue(PSPropertyInfo property)
        {
            try
            {
                return Convert.ToString(property.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            }
            catch (GetValueException)
            {
                return "?";
            }
        }
    }

    /// <summary>Turns getTaskResult's answer into the CaptchaResult users see.</summary>
    internal static class CaptchaResults
    {
        internal static CaptchaResult From(CaptchaTask task, TaskResultResponse response, int polls, DateTimeOffset now)
        {
            // A ready answer may carry "solution": null; that is a result without a solution, not a failure.
            PSObject? solution = response.Solution is { } json
                ? JsonValues.ToPowerShell(json) switch { null => null, PSObject o => o, var other => new PSObject(other) }
                : null;
            return new CaptchaResult(task, response.IsReady, solution, response.Cost, response.IsReady ? now : null, polls);
        }
    }
}
