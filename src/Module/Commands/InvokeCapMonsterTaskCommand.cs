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
        /// <summary>The upper bound of -ThrottleLimit; without it the service's refusals alone bound the batch.</summary>
        internal const int MaxThrottleLimit = 100_000;

        /// <summary>Refusals (no slot, too many requests) one input's creation survives before it fails with the last one.</summary>
        internal const int MaxRefusalsPerInput = 10;

        private readonly List<Task> creations = [];
        private TaskWaitSession? session;
        private TaskWindow? window;
        private CapMonsterClient? client;
        private AccountFailure? accountFailure;

        /// <summary>Seconds between result requests for a task; the API asks for 2 or more.</summary>
        [Parameter]
        [Alias("PollInterval")]
        [ValidateRange(WaitOptions.MinPollIntervalSeconds, 60)]
        public double PollIntervalSec { get; set; } = WaitOptions.DefaultPollInterval.TotalSeconds;

        /// <summary>Seconds to wait for each task from its creation; the type's default (TaskTimeout after it) otherwise.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int WaitTimeoutSec { get; set; }

        /// <summary>
        /// The most tasks created and not yet finished at once. Without it the number adapts: it grows while the service
        /// accepts tasks and halves when it refuses one (ERROR_NO_SLOT_AVAILABLE, HTTP 429), then grows back each second
        /// after the pause the refusal asks for; with it, it adapts up to this.
        /// </summary>
        [Parameter]
        [ValidateRange(1, MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = MaxThrottleLimit;

        /// <summary>Write the results in the order of the inputs, rather than as each is ready.</summary>
        [Parameter]
        public SwitchParameter Ordered { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            window = new TaskWindow(ThrottleLimit, SystemClock.Instance, StopToken);
            session = new TaskWaitSession(this, TaskWaitSession.OptionsFor(this, PollIntervalSec, IsBound(nameof(WaitTimeoutSec)) ? WaitTimeoutSec : null), Strings.SolveActivity, Ordered, window.Release);
        }

        /// <inheritdoc />
        protected override void ProcessRecord() => session!.Guard(() =>
        {
            foreach (TaskSpec spec in BuildSpecs())
            {
                Submit(spec);
            }
            session!.WriteFinished();
            if (accountFailure is not null)
            {
                StopOnAccountFailure();
            }
        });

        /// <inheritdoc />
        protected override void EndProcessing() => session!.Guard(() =>
        {
            foreach (TaskSpec spec in BuildPipedBytes())
            {
                Submit(spec);
            }
            Queue.Pump(System.Threading.Tasks.Task.WhenAll(creations));
            session!.Finish();
            if (accountFailure is not null)
            {
                StopOnAccountFailure();
            }
        });

        /// <summary>Takes the input's place in the window (results keep coming out meanwhile) and starts creating its task.</summary>
        private void Submit(TaskSpec spec)
        {
            if (accountFailure is not null)
            {
                StopOnAccountFailure();
            }
            if (!ShouldCreate(spec))
            {
                return;
            }
            client ??= CreateClient();
            int place = session!.Reserve(spec.Target);
            Run(async token =>
            {
                await window!.WaitAsync(token).ConfigureAwait(false);
                return true;
            });
            creations.Add(CreateAndWaitAsync(client, spec, place));
        }

        /// <summary>
        /// A bad key or no funds: no later task would fare better. Tasks already created are paid for, so they are waited
        /// for and written first; then the call stops with the account's error.
        /// </summary>
        private void StopOnAccountFailure()
        {
            Queue.Pump(System.Threading.Tasks.Task.WhenAll(creations));
            session!.Finish();
            ThrowCapMonsterError(accountFailure!.Error, accountFailure.Input);
        }

        private async Task CreateAndWaitAsync(CapMonsterClient creator, TaskSpec spec, int place)
        {
            object input = spec.Target;
            for (int refusals = 0; ; refusals++)
            {
                if (accountFailure is not null)
                {
                    window!.Release();
                    session!.Skip(place);
                    return;
                }
                long epoch = window!.Epoch;
                DateTimeOffset sent = DateTimeOffset.UtcNow;
                TimeSpan retryIn;
                try
                {
                    session!.Creating(place, true);
                    long id = await creator.CreateTaskAsync(spec.Write, spec.CallbackUrl, spec.SoftId, StopToken, retryRefusals: false).ConfigureAwait(false);
                    window.Accepted();
                    session.Add(CaptchaTask.FromCreation(spec, id, sent, creator.Settings), creator.Settings, place);
                    return;
                }
                catch (CapMonsterException e) when (RetryPolicy.IsRefusal(e) && refusals < MaxRefusalsPerInput)
                {
                    // Refused: nothing was created, so the same request is safe to send again once there is room.
                    session!.Creating(place, false);
                    retryIn = creator.Retries.Delay(refusals, e, null);
                    if (window.Refused(epoch, retryIn))
                    {
                        Queue.Verbose(Messages.CreationRefused(e.ErrorCode, window.Size));
                    }
                }
                catch (CapMonsterException e)
                {
                    window.Release();
                    if (e.Entry?.Area == ErrorArea.Account)
                    {
                        Interlocked.CompareExchange(ref accountFailure, new AccountFailure(e, input), null);
                        session!.Skip(place);
                    }
                    else
                    {
                        session!.Fail(place, e, input);
                    }
                    return;
                }
                catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
                {
                    window.Release();
                    return;
                }
                try
                {
                    await System.Threading.Tasks.Task.Delay(retryIn, StopToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    window.Release();
                    return;
                }
            }
        }

        /// <summary>The account error that stops the batch, and the input it came with.</summary>
        private sealed class AccountFailure
        {
            internal AccountFailure(CapMonsterException error, object? input)
            {
                Error = error;
                Input = input;
            }

            internal CapMonsterException Error { get; }

            internal object? Input { get; }
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                session?.Stop();
            }
            base.Dispose(disposing);
        }
    }
}
