using System;
using System.Collections.Concurrent;
using System.Threading;
using CapMonster.Api;

namespace CapMonster.Commands
{
    using System.Threading.Tasks;

    /// <summary>
    /// Carries what background work wants written (verbose, debug, warnings, later results and progress) to the
    /// pipeline thread, the only thread a cmdlet may write from. The cmdlet pumps it while it waits for the work.
    /// </summary>
    internal sealed class PipelineQueue : IApiEvents, IDisposable
    {
        private readonly ConcurrentQueue<Action> actions = new();
        private readonly SemaphoreSlim signal = new(0);
        private readonly CapMonsterCmdlet cmdlet;

        /// <summary>Made on the pipeline thread (the cmdlet's first use), where its preferences can be read.</summary>
        internal PipelineQueue(CapMonsterCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
            ShowsVerbose = cmdlet.Shows("Verbose", "VerbosePreference");
            ShowsDebug = cmdlet.Shows("Debug", "DebugPreference");
        }

        public bool ShowsVerbose { get; }

        public bool ShowsDebug { get; }

        /// <summary>Queues an action to run on the pipeline thread; callable from any thread.</summary>
        internal void Post(Action action)
        {
            actions.Enqueue(action);
            try
            {
                signal.Release();
            }
            catch (ObjectDisposedException)
            {
                // Background work that outlives the cmdlet: nobody will write what it posts.
            }
        }

        /// <summary>Runs queued actions as they come until <paramref name="work"/> ends, then returns its result.</summary>
        internal T Pump<T>(Task<T> work)
        {
            Pump((Task)work);
            return work.GetAwaiter().GetResult();
        }

        /// <summary>Runs queued actions as they come until <paramref name="work"/> ends; rethrows its failure.</summary>
        internal void Pump(Task work)
        {
            work.ContinueWith(_ => signal.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (!work.IsCompleted)
            {
                signal.Wait();
                RunQueued();
            }
            RunQueued();
            work.GetAwaiter().GetResult();
        }

        /// <summary>Runs what is queued now; for loops that pump between their own steps.</summary>
        internal void RunQueued()
        {
            while (actions.TryDequeue(out Action? action))
            {
                action();
            }
        }

        public void Verbose(string message)
        {
            if (ShowsVerbose)
            {
                Post(() => cmdlet.WriteVerbose(message));
            }
        }

        public void Debug(string message)
        {
            if (ShowsDebug)
            {
                Post(() => cmdlet.WriteDebug(message));
            }
        }

        public void Warning(string message) => Post(() => cmdlet.WriteWarning(message));

        public void Dispose() => signal.Dispose();
    }
}
