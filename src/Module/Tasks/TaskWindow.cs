using System;
using System.Collections.Generic;
using System.Threading;

namespace CapMonster.Tasks
{
    using System.Threading.Tasks;

    /// <summary>
    /// How many tasks a batch keeps created and not yet finished: adaptive, so nobody has to guess a throttle. It
    /// starts small and grows by one for every task the service accepts (additive increase), and halves when the
    /// service refuses one (ERROR_NO_SLOT_AVAILABLE, HTTP 429; multiplicative decrease), once per round of requests.
    /// After a halving it grows back only as finished tasks make room for new ones to be accepted: as slowly as the
    /// service solves them. Never above the limit.
    /// </summary>
    internal sealed class TaskWindow
    {
        internal const int InitialSize = 16;

        private readonly object gate = new();
        private readonly Queue<TaskCompletionSource<bool>> waiting = new();
        private readonly int limit;
        private int size;
        private int inUse;
        private long epoch;

        /// <param name="limit">The most tasks in flight (-ThrottleLimit); the window never grows past it.</param>
        internal TaskWindow(int limit)
        {
            this.limit = limit;
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

        /// <summary>The service refused a task sent during <paramref name="sentInEpoch"/>: halve, once per round.</summary>
        /// <returns>Whether the window halved.</returns>
        internal bool Refused(long sentInEpoch)
        {
            lock (gate)
            {
                if (sentInEpoch != epoch)
                {
                    return false;
                }
                Interlocked.Increment(ref epoch);
                size = Math.Max(1, size / 2);
                return true;
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
