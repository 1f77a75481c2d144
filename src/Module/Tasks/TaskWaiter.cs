using System;
using System.Collections.Generic;
using System.Management.Automation;
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

        /// <summary>Transient failures since the last answer: an answer resets it.</summary>
        internal int FailuresInARow { get; set; }

        /// <summary>ERROR_TOO_MUCH_REQUESTS since the last answer.</summary>
        internal int RefusalsInARow { get; set; }

        /// <summary>The last transient failure, named when the deadline comes before an answer.</summary>
        internal CapMonsterException? LastFailure { get; set; }

        /// <summary>Ties in the schedule go to the task added first.</summary>
        internal long Sequence { get; set; }
    }

    /// <summary>
    /// Waits on any number of tasks at once: a schedule ordered by next poll time, a bounded number of requests in
    /// flight, at most 120 requests per task, ERROR_TOO_MUCH_REQUESTS slowing a task down rather than failing it.
    /// Each outcome is handed over the moment it is known. Time comes from the clock, so tests run it instantly.
    /// A task ends only with an answer, a failure that will not pass, the service refusing more requests, or its
    /// deadline; whatever goes wrong inside (even a bug) ends that task with a typed error and frees its slot.
    /// </summary>
    internal sealed class TaskWaiter
    {
        /// <summary>ERROR_TOO_MUCH_REQUESTS this many times in a row, the last at the slowest interval: the service refuses the task.</summary>
        internal const int RefusalsBeforeGivingUp = 4;

        private readonly IClock clock;
        private readonly WaitOptions options;
        private readonly Func<CaptchaTask, CancellationToken, Task<TaskResultResponse>> poll;
        private readonly Action<WaitItem, TaskResultResponse?, CapMonsterException?> onOutcome;
        private readonly object gate = new();
        private readonly SortedSet<WaitItem> schedule = new(ScheduleOrder.Instance);
        private TaskCompletionSource<bool> wake = NewWake();

        /// <summary>
        /// When the loop wakes by itself (MaxValue: only when woken). A change wakes it only when it needs it earlier:
        /// a task added behind the next poll (as piped tasks are, each created after the last) or a slot freed while no
        /// poll waited for one costs no turn of the loop.
        /// </summary>
        private DateTimeOffset wakeAt = DateTimeOffset.MaxValue;

        /// <summary>Whether the loop sleeps because every request slot is taken while a poll is due.</summary>
        private bool waitingForSlot;
        private long sequence;
        private int inFlight;
        private int pending;
        private int started;
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
                // With every slot taken, the next freed one wakes the loop.
                if (!waitingForSlot && item.NextPoll < wakeAt)
                {
                    wake.TrySetResult(true);
                }
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
            if (Interlocked.Exchange(ref started, 1) != 0)
            {
                throw new InvalidOperationException("The waiter runs once.");
            }
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
                    waitingForSlot = schedule.Count > 0 && inFlight >= options.MaxInFlight;
                    if (schedule.Count > 0 && !waitingForSlot)
                    {
                        sleep = schedule.Min!.NextPoll - now;
                    }
                    wakeAt = sleep is { } planned ? now + planned : DateTimeOffset.MaxValue;
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
            Decision decision;
            try
            {
                decision = await DecideAsync(item, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Release();
                return;
            }
#pragma warning disable CA1031 // A bug in one task's handling must end that task with an error, not hang the whole wait.
            catch (Exception e)
#pragma warning restore CA1031
            {
                decision = Decision.End(null, Unexpected(item.Task, e));
            }
            if (decision.Again)
            {
                lock (gate)
                {
                    inFlight--;
                    schedule.Add(item);
                    if (waitingForSlot || item.NextPoll < wakeAt)
                    {
                        wake.TrySetResult(true);
                    }
                }
                return;
            }
            Finish(item, decision.Answer, decision.Error);
        }

        /// <summary>Makes one request for the task and decides: ended (with its answer or an error) or polled again at NextPoll.</summary>
        private async Task<Decision> DecideAsync(WaitItem item, CancellationToken cancellationToken)
        {
            CaptchaTask task = item.Task;
            // A wait started after the deadline still asks once: the task may be ready.
            if (item.Polls > 0 && clock.UtcNow > item.Deadline)
            {
                return Decision.End(null, TimedOut(item));
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

            if (response is { IsReady: true })
            {
                return Decision.End(response, null);
            }
            if (response is not null)
            {
                item.FailuresInARow = 0;
                item.RefusalsInARow = 0;
                item.LastFailure = null;
            }
            else if (IsRefusal(error!))
            {
                // The service asks for slower polling; still refused at the slowest interval, it will not answer this task again.
                item.RefusalsInARow++;
                if (item.Interval >= WaitOptions.SlowestPollInterval && item.RefusalsInARow >= RefusalsBeforeGivingUp)
                {
                    return Decision.End(null, CapMonsterException.FromModuleError(
                        ModuleErrorId.PollLimitReached, Messages.PollsRefused(task.TaskId, task.Type, item.RefusalsInARow, error!.Message), error, task.TaskId));
                }
                long slower = Math.Max(item.Interval.Ticks * 2, WaitOptions.DefaultPollInterval.Ticks);
                item.Interval = TimeSpan.FromTicks(Math.Min(slower, WaitOptions.SlowestPollInterval.Ticks));
            }
            else if (IsTransient(error!))
            {
                item.FailuresInARow++;
                item.LastFailure = error;
            }
            else
            {
                return Decision.End(null, Final(task, error!));
            }

            DateTimeOffset now = clock.UtcNow;
            if (item.Polls >= WaitOptions.MaxPollsPerTask)
            {
                return Decision.End(null, CapMonsterException.FromModuleError(
                    ModuleErrorId.PollLimitReached, Messages.PollLimitReached(task.TaskId, task.Type, item.Polls), taskId: task.TaskId));
            }
            if (now >= item.Deadline)
            {
                return Decision.End(null, TimedOut(item));
            }
            // One last request at the deadline, rather than none after the last interval before it.
            DateTimeOffset next = now + NextInterval(item);
            item.NextPoll = next < item.Deadline ? next : item.Deadline;
            return Decision.PollAgain;
        }

        /// <summary>
        /// The interval, doubled for each transient failure in a row beyond -MaximumRetryCount (up to the slowest):
        /// an outage slows the polls down rather than ending a task the service may still be solving.
        /// </summary>
        private TimeSpan NextInterval(WaitItem item)
        {
            int beyond = item.FailuresInARow - options.MaxTransientFailures;
            if (beyond <= 0)
            {
                return item.Interval;
            }
            double ticks = item.Interval.Ticks * Math.Pow(2, Math.Min(beyond, 10));
            return TimeSpan.FromTicks((long)Math.Min(ticks, Math.Max(item.Interval.Ticks, WaitOptions.SlowestPollInterval.Ticks)));
        }

        /// <summary>The service's rate limit (ERROR_TOO_MUCH_REQUESTS, by its catalog category): slow down, and if it persists, stop.</summary>
        private static bool IsRefusal(CapMonsterException error) =>
            error.Entry?.Source == ErrorSource.Api && error.Category == ErrorCategory.LimitsExceeded;

        /// <summary>A network or server fault (timeout, reset, gateway page, 5xx, 429 without a code): the next poll may pass.</summary>
        private static bool IsTransient(CapMonsterException error) =>
            error.Entry?.Source == ErrorSource.Module && error.Retry == RetryAdvice.SameRequest;

        /// <summary>
        /// A failure that ends the task. When it is about the task itself (unsolvable, proxy, expired) the task is over;
        /// otherwise (the account, the connection) the task may still be solved, and the error says it can be fetched.
        /// </summary>
        private static CapMonsterException Final(CaptchaTask task, CapMonsterException error)
        {
            if (error.Entry is { Source: ErrorSource.Api } entry && string.Equals(entry.Code, "ERROR_NO_SUCH_CAPCHA_ID", StringComparison.Ordinal))
            {
                return error.Reworded(Messages.TaskGone(task.TaskId, task.Type, error.Message), Strings.TaskGoneAction);
            }
            return error.Entry?.Area is ErrorArea.Account or ErrorArea.Connection or ErrorArea.Capacity
                ? error.Reworded(error.Message + " " + Messages.StillFetchable(task.TaskId))
                : error;
        }

        /// <summary>An exception the waiter did not expect (a bug, an answer nothing could read): the task ends with it, typed.</summary>
        internal static CapMonsterException Unexpected(CaptchaTask task, Exception e) => CapMonsterException.FromModuleError(
            ModuleErrorId.InvalidResponse, Messages.UnexpectedInWait(task.TaskId, e.GetType().Name, e.Message) + " " + Messages.StillFetchable(task.TaskId), e, task.TaskId);

        private static CapMonsterException TimedOut(WaitItem item)
        {
            string message = Messages.TaskTimedOut(item.Task.TaskId, item.Task.Type, item.Timeout.TotalSeconds);
            if (item.LastFailure is { } failure)
            {
                message += " " + Messages.LastPollFailed(item.FailuresInARow, failure.Message);
            }
            return CapMonsterException.FromModuleError(ModuleErrorId.TaskTimeout, message, item.LastFailure, item.Task.TaskId);
        }

        /// <summary>Hands the outcome over, then frees the task's slot whatever the handler does.</summary>
        private void Finish(WaitItem item, TaskResultResponse? response, CapMonsterException? error)
        {
            try
            {
                onOutcome(item, response, error);
            }
#pragma warning disable CA1031 // The handler failing on a result must still end the task, with an error.
            catch (Exception e) when (response is not null)
#pragma warning restore CA1031
            {
                onOutcome(item, null, Unexpected(item.Task, e));
            }
            finally
            {
                lock (gate)
                {
                    pending--;
                }
                Release();
            }
        }

        /// <summary>Frees the request slot; wakes the loop when a due poll waits for it, or when the last task is done.</summary>
        private void Release()
        {
            lock (gate)
            {
                inFlight--;
                if (waitingForSlot || (addingComplete && pending == 0))
                {
                    wake.TrySetResult(true);
                }
            }
        }

        /// <summary>What one poll decided.</summary>
        private readonly struct Decision
        {
            private Decision(TaskResultResponse? answer, CapMonsterException? error, bool again)
            {
                Answer = answer;
                Error = error;
                Again = again;
            }

            internal static Decision PollAgain => new(null, null, again: true);

            internal TaskResultResponse? Answer { get; }

            internal CapMonsterException? Error { get; }

            internal bool Again { get; }

            internal static Decision End(TaskResultResponse? answer, CapMonsterException? error) => new(answer, error, again: false);
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
