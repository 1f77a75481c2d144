using System;
using System.Collections.Generic;
using System.Threading;
using CapMonster.Api;

namespace CapMonster.Tasks
{
    using System.Threading.Tasks;

    /// <summary>
    /// How many tasks a batch keeps created and not yet finished: adaptive, so nobody has to guess a throttle. It
    /// starts small and grows by one for every task the service accepts (additive increase), and halves when the
    /// service refuses one (ERROR_NO_SLOT_AVAILABLE, HTTP 429; multiplicative decrease), once per round of requests and
    /// at most once per pause the service asks for.
    /// After a halving it also grows back with time: acceptances alone would wait for finished tasks to make room,
    /// which with long solves takes minutes. Never above the limit.
    /// </summary>
    internal sealed class TaskWindow
    {
        internal const int InitialSize = 16;

        /// <summary>How often the window grows while it recovers from a refusal.</summary>
        internal static readonly TimeSpan GrowthInterval = TimeSpan.FromSeconds(1);

        /// <summary>
        /// Each step of recovery adds this share of what the halving took, so the window is back where it was this many
        /// intervals after the pause whatever its size (a step of one would take minutes to refill a window of
        /// hundreds), yet grows in even steps the service can refuse again before it is flooded.
        /// </summary>
        internal const int RecoverySteps = 8;

        private readonly object gate = new();
        private readonly Queue<TaskCompletionSource<bool>> waiting = new();
        private readonly int limit;
        private readonly IClock clock;
        private readonly CancellationToken stopToken;
        private int size;
        private int inUse;
        private long epoch;
        private DateTimeOffset calmUntil = DateTimeOffset.MinValue;

        /// <param name="limit">The most tasks in flight (-ThrottleLimit); the window never grows past it.</param>
        /// <param name="clock">Times the recovery after a refusal (injected so tests need not wait).</param>
        /// <param name="stopToken">Ends a recovery under way when the batch stops.</param>
        internal TaskWindow(int limit, IClock clock, CancellationToken stopToken)
        {
            this.limit = limit;
            this.clock = clock;
            this.stopToken = stopToken;
            size = Math.Min(limit, InitialSize);
        }

        /// <summary>Tasks allowed in flight now.</summary>
        internal int Size
        {
            get
            {
                lock (gate)
                {
                    return size;
                }
            }
        }

        /// <summary>Tasks in flight now.</summary>
        internal int InUse
        {
            get
            {
                lock (gate)
                {
                    return inUse;
                }
            }
        }

        /// <summary>Changes with each halving: a refusal of a request sent before the last halving does not halve again.</summary>
        internal long Epoch => Interlocked.Read(ref epoch);

        /// <summary>Takes a place in the window, waiting (first come, first served) while it is full.</summary>
        internal Task WaitAsync(CancellationToken cancellationToken)
        {
            TaskCompletionSource<bool> place;
            lock (gate)
            {
                if (waiting.Count == 0 && inUse < size)
                {
                    inUse++;
                    return Task.CompletedTask;
                }
                place = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting.Enqueue(place);
            }
            if (cancellationToken.CanBeCanceled)
            {
                CancellationTokenRegistration registration = cancellationToken.Register(() => place.TrySetCanceled());
                place.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return place.Task;
        }

        /// <summary>A task left the window (finished, failed, or never created).</summary>
        internal void Release()
        {
            lock (gate)
            {
                inUse--;
                Grant();
            }
        }

        /// <summary>The service accepted a task: grow.</summary>
        internal void Accepted()
        {
            lock (gate)
            {
                size = Math.Min(limit, size + 1);
                Grant();
            }
        }

        /// <summary>
        /// The service refused a task sent during <paramref name="sentInEpoch"/>: halve, then after <paramref name="pause"/>
        /// (the wait the service asks for before a retry) grow back a step every interval. Only once per round and per
        /// pause: a fast service refuses the next requests before any pause is over, and halving for each of those would
        /// take the window to one at once, leaving a few inputs to take every refusal, each backing off longer.
        /// </summary>
        /// <returns>Whether the window halved.</returns>
        internal bool Refused(long sentInEpoch, TimeSpan pause)
        {
            int step;
            long round;
            lock (gate)
            {
                DateTimeOffset now = clock.UtcNow;
                if (sentInEpoch != epoch || now < calmUntil)
                {
                    return false;
                }
                calmUntil = now + pause;
                round = Interlocked.Increment(ref epoch);
                int halved = Math.Max(1, size / 2);
                step = Math.Max(1, (size - halved + RecoverySteps - 1) / RecoverySteps);
                size = halved;
            }
            _ = RecoverAsync(round, pause, step);
            return true;
        }

        /// <summary>
        /// Grows the window by <paramref name="step"/> every interval after <paramref name="pause"/>, while tasks wait
        /// for a place (an idle window needs no room) and until the next halving (which starts its own recovery) or the limit.
        /// </summary>
        private async Task RecoverAsync(long round, TimeSpan pause, int step)
        {
            try
            {
                await clock.Delay(pause, stopToken).ConfigureAwait(false);
                while (true)
                {
                    lock (gate)
                    {
                        if (round != epoch || size >= limit || waiting.Count == 0)
                        {
                            return;
                        }
                        size = Math.Min(limit, size + step);
                        Grant();
                    }
                    await clock.Delay(GrowthInterval, stopToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // The batch stopped: nobody waits for a place any more.
            }
        }

        private void Grant()
        {
            while (inUse < size && waiting.Count > 0)
            {
                if (waiting.Dequeue().TrySetResult(true))
                {
                    inUse++;
                }
            }
        }
    }
}
