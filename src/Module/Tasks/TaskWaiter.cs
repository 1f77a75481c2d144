using System;
using System.Collections.Generic;
using System.Threading;
using CapMonster.Api;
using CapMonster.Localization;

namespace CapMonster.Tasks
{
    using System.Threading.Tasks;

    /// <summary>How Wait-CapMonsterTask polls.</summary>
    internal sealed class WaitOptions
    {
        /// <summary>The service allows 120 result requests for one task.</summary>
        internal const int MaxPollsPerTask = 120;

        /// <summary>The shortest -PollIntervalSec; the API asks for 2 s, the floor allows a short test.</summary>
        internal const double MinPollIntervalSeconds = 0.2;

        internal static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(2);

        /// <summary>Where ERROR_TOO_MUCH_REQUESTS slows a task's interval to, at most.</summary>
        internal static readonly TimeSpan SlowestPollInterval = TimeSpan.FromSeconds(10);

        internal TimeSpan PollInterval { get; set; } = DefaultPollInterval;

        /// <summary>The wait per task; null means each task type's default.</summary>
        internal TimeSpan? Timeout { get; set; }

        /// <summary>Result requests in flight at once, over all tasks.</summary>
        internal int MaxInFlight { get; set; } = 64;

        /// <summary>Transient failures (network, 5xx) in a row a task survives; they are retried at the next poll.</summary>
        internal int MaxTransientFailures { get; set; } = ConnectionSettings.DefaultMaximumRetryCount;
    }

    /// <summary>One task being waited on.</summary>
    internal sealed class WaitItem
    {
        internal WaitItem(CaptchaTask task, DateTimeOffset now, WaitOptions options)
        {
            Task = task;
            DateTimeOffset start = task.Created ?? now;
            NextPoll = task.Created is null ? now : start + task.FirstPoll;
            Timeout = options.Timeout ?? task.Row.DefaultTimeout;
            Deadline = start + Timeout;
            Interval = options.PollInterval;
        }

        internal CaptchaTask Task { get; }

        internal DateTimeOffset NextPoll { get; set; }

        internal DateTimeOffset Deadline { get; }

        internal TimeSpan Timeout { get; }

        internal TimeSpan Interval { get; set; }

        internal int Polls { get; set; }

        internal int TransientFailures { get; set; }

        /// <summary>Ties in the schedule go to the task added first.</summary>
        internal long Sequence { get; set; }
    }

    /// <summary>
    /// Waits on any number of tasks at once: a schedule ordered by next poll time, a bounded number of requests in
    /// flight, at most 120 requests per task, ERROR_TOO_MUCH_REQUESTS slowing a task down rather than failing it.
    /// Each outcome is handed over the moment it is known. Time comes from the clock, so tests run it instantly.
    /// </summary>
    internal sealed class TaskWaiter
    {
        private readonly IClock clock;
        private readonly WaitOptions options;
        private readonly Func<CaptchaTask, CancellationToken, Task<TaskResultResponse>> poll;
        private readonly Action<WaitItem, TaskResultResponse?, CapMonsterException?> onOutcome;
        private readonly object gate = new();
        private readonly SortedSet<WaitItem> schedule = new(ScheduleOrder.Instance);
        private TaskCompletionSource<bool> wake = NewWake();
        private long sequence;
        private int inFlight;
        private int pending;
        private bool addingComplete;

        /// <param name="clock">Time and delays.</param>
        /// <param name="options">Interval, timeout and limits.</param>
        /// <param name="poll">One getTaskResult request, without retries of its own.</param>
        /// <param name="onOutcome">Called once per task, from any thread: the result when ready, else the error.</param>
        internal TaskWaiter(IClock clock, WaitOptions options, Func<CaptchaTask, CancellationToken, Task<TaskResultResponse>> poll, Action<WaitItem, TaskResultResponse?, CapMonsterException?> onOutcome)
        {
            this.clock = clock;
            this.options = options;
            this.poll = poll;
            this.onOutcome = onOutcome;
        }

        /// <summary>Adds a task to wait on; callable from any thread while the waiter runs.</summary>
        internal void Add(CaptchaTask task)
        {
            var item = new WaitItem(task, clock.UtcNow, options);
            lock (gate)
            {
                item.Sequence = sequence++;
                pending++;
                schedule.Add(item);
                wake.TrySetResult(true);
            }
        }

        /// <summary>No more tasks will come: <see cref="RunAsync"/> ends when the last one is done.</summary>
        internal void CompleteAdding()
        {
            lock (gate)
            {
                addingComplete = true;
                wake.TrySetResult(true);
            }
        }

        /// <summary>Polls until every task added is done and adding is complete, or until cancelled.</summary>
        internal async Task RunAsync(CancellationToken cancellationToken)
        {
            var due = new List<WaitItem>();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TaskCompletionSource<bool> woken;
                TimeSpan? sleep = null;
                lock (gate)
                {
                    if (wake.Task.IsCompleted)
                    {
                        wake = NewWake();
                    }
                    woken = wake;
                    if (addingComplete && pending == 0)
                    {
                        return;
                    }
                    DateTimeOffset now = clock.UtcNow;
                    while (schedule.Count > 0 && inFlight < options.MaxInFlight && schedule.Min!.NextPoll <= now)
                    {
                        WaitItem item = schedule.Min;
                        schedule.Remove(item);
                        inFlight++;
                        due.Add(item);
                    }
                    if (schedule.Count > 0 && inFlight < options.MaxInFlight)
                    {
                        sleep = schedule.Min!.NextPoll - now;
                    }
                }
                foreach (WaitItem item in due)
                {
                    _ = PollAsync(item, cancellationToken);
                }
                due.Clear();
                if (woken.Task.IsCompleted)
                {
                    continue;
                }
                using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // Cancelling the caller's token cancels the sleep too, so Ctrl+C ends the wait at once.
                Task delay = sleep is { } d ? clock.Delay(d, sleeping.Token) : Task.Delay(Timeout.Infinite, sleeping.Token);
                await Task.WhenAny(woken.Task, delay).ConfigureAwait(false);
                sleeping.Cancel();
            }
        }

        private async Task PollAsync(WaitItem item, CancellationToken cancellationToken)
        {
            CaptchaTask task = item.Task;
            DateTimeOffset now = clock.UtcNow;
            if (now > item.Deadline)
            {
                Finish(item, null, TimedOut(item));
                return;
            }
            item.Polls++;
            TaskResultResponse? response = null;
            CapMonsterException? error = null;
            try
            {
                response = await poll(task, cancellationToken).ConfigureAwait(false);
            }
            catch (CapMonsterException e)
            {
                error = e;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Release();
                return;
            }
#pragma warning disable CA1031 // A bug in one poll must end that task with an error, not hang the whole wait.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = CapMonsterException.FromModuleError(ModuleErrorId.InvalidResponse, e.Message, e, task.TaskId);
            }

            now = clock.UtcNow;
            if (response is { IsReady: true })
            {
                Finish(item, response, null);
                return;
            }
            if (error is not null && !Survives(item, error))
            {
                Finish(item, null, error);
                return;
            }
            if (item.Polls >= WaitOptions.MaxPollsPerTask)
            {
                Finish(item, null, CapMonsterException.FromModuleError(
                    ModuleErrorId.PollLimitReached, Messages.PollLimitReached(task.TaskId, task.Type, item.Polls), taskId: task.TaskId));
                return;
            }
            if (now >= item.Deadline)
            {
                Finish(item, null, TimedOut(item));
                return;
            }
            // One last request at the deadline, rather than none after the last interval before it.
            DateTimeOffset next = now + item.Interval;
            item.NextPoll = next < item.Deadline ? next : item.Deadline;
            lock (gate)
            {
                inFlight--;
                schedule.Add(item);
                wake.TrySetResult(true);
            }
        }

        /// <summary>
        /// Whether a failed request leaves the task alive: ERROR_TOO_MUCH_REQUESTS slows it down, a network or
        /// server fault is retried at the next poll a few times in a row. Anything else ends the task.
        /// </summary>
        private bool Survives(WaitItem item, CapMonsterException error)
        {
            if (error.ErrorCode.EndsWith("TOO_MUCH_REQUESTS", StringComparison.OrdinalIgnoreCase))
            {
                long slower = Math.Max(item.Interval.Ticks * 2, WaitOptions.DefaultPollInterval.Ticks);
                item.Interval = TimeSpan.FromTicks(Math.Min(slower, WaitOptions.SlowestPollInterval.Ticks));
                return true;
            }
            if (error.Entry?.Source == ErrorSource.Module && error.Retry == RetryAdvice.SameRequest && item.TransientFailures < options.MaxTransientFailures)
            {
                item.TransientFailures++;
                return true;
            }
            return false;
        }

        private static CapMonsterException TimedOut(WaitItem item) => CapMonsterException.FromModuleError(
            ModuleErrorId.TaskTimeout, Messages.TaskTimedOut(item.Task.TaskId, item.Task.Type, item.Timeout.TotalSeconds), taskId: item.Task.TaskId);

        private void Finish(WaitItem item, TaskResultResponse? response, CapMonsterException? error)
        {
            onOutcome(item, response, error);
            lock (gate)
            {
                pending--;
            }
            Release();
        }

        /// <summary>Frees the request slot and wakes the loop to use it.</summary>
        private void Release()
        {
            lock (gate)
            {
                inFlight--;
                wake.TrySetResult(true);
            }
        }

        private static TaskCompletionSource<bool> NewWake() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Earliest next poll first; the order of adding breaks ties.</summary>
        private sealed class ScheduleOrder : IComparer<WaitItem>
        {
            internal static readonly ScheduleOrder Instance = new();

            public int Compare(WaitItem? x, WaitItem? y)
            {
                int byTime = x!.NextPoll.CompareTo(y!.NextPoll);
                return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
            }
        }
    }
}
