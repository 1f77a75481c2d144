using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using CapMonster.Api;
using CapMonster.Localization;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    using System.Threading.Tasks;

    /// <summary>
    /// <para type="synopsis">Solves captchas in one call: creates each task and waits for it, many at once.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "CapMonsterTask", DefaultParameterSetName = TypedSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(CaptchaResult))]
    public sealed class InvokeCapMonsterTaskCommand : TaskParametersCmdlet
    {
        /// <summary>Tasks in flight at once by default: enough for speed, few enough to stay clear of ERROR_NO_SLOT_AVAILABLE.</summary>
        internal const int DefaultThrottleLimit = 50;

        private readonly List<Task> creations = [];
        private TaskWaitSession? session;
        private SemaphoreSlim? slots;
        private CapMonsterClient? client;

        /// <summary>Seconds between result requests for a task; the API asks for 2 or more.</summary>
        [Parameter]
        [Alias("PollInterval")]
        [ValidateRange(WaitOptions.MinPollIntervalSeconds, 60)]
        public double PollIntervalSec { get; set; } = WaitOptions.DefaultPollInterval.TotalSeconds;

        /// <summary>Seconds to wait for each task from its creation; the type's default (TaskTimeout after it) otherwise.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int WaitTimeoutSec { get; set; }

        /// <summary>How many tasks may be created and not yet finished at once.</summary>
        [Parameter]
        [ValidateRange(1, 100_000)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            slots = new SemaphoreSlim(ThrottleLimit);
            session = new TaskWaitSession(this, TaskWaitSession.OptionsFor(this, PollIntervalSec, IsBound(nameof(WaitTimeoutSec)) ? WaitTimeoutSec : null), Messages.SolveActivity, () => slots.Release());
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (TaskSpec spec in BuildSpecs())
            {
                Submit(spec);
            }
            session!.WriteFinished();
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            foreach (TaskSpec spec in BuildPipedBytes())
            {
                Submit(spec);
            }
            Queue.Pump(System.Threading.Tasks.Task.WhenAll(creations));
            session!.Finish();
        }

        private void Submit(TaskSpec spec)
        {
            if (!NewCapMonsterTaskCommand.ShouldCreate(this, spec))
            {
                return;
            }
            client ??= CreateClient();
            Queue.Pump(slots!.WaitAsync(StopToken)); // results keep coming out while this input waits for a slot
            creations.Add(CreateAndWaitAsync(client, spec));
        }

        private async Task CreateAndWaitAsync(CapMonsterClient creator, TaskSpec spec)
        {
            DateTimeOffset sent = DateTimeOffset.UtcNow;
            object input = spec.Target;
            try
            {
                long id = await creator.CreateTaskAsync(spec.Write, spec.CallbackUrl, spec.SoftId, StopToken).ConfigureAwait(false);
                session!.Add(CaptchaTask.FromCreation(spec, id, sent, creator.Settings), creator.Settings);
            }
            catch (CapMonsterException e)
            {
                slots!.Release();
                // A bad key or no funds stops everything: no later task would fare better.
                Queue.Post(e.Entry?.Area == ErrorArea.Account ? () => ThrowCapMonsterError(e, input) : () => WriteCapMonsterError(e, input));
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                slots!.Release();
            }
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                slots?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
