using System.Management.Automation;
using CapMonster.Api;
using CapMonster.Localization;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Waits for any number of tasks at once and writes each result the moment it is ready.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "CapMonsterTask", DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(CaptchaResult))]
    public sealed class WaitCapMonsterTaskCommand : TaskInputCmdlet
    {
        private TaskWaitSession? session;

        /// <summary>Seconds between result requests for a task; the API asks for 2 or more.</summary>
        [Parameter]
        [Alias("PollInterval")]
        [ValidateRange(WaitOptions.MinPollIntervalSeconds, 60)]
        public double PollIntervalSec { get; set; } = WaitOptions.DefaultPollInterval.TotalSeconds;

        /// <summary>Seconds to wait for each task from its creation; the type's default (TaskTimeout after it) otherwise.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int WaitTimeoutSec { get; set; }

        /// <summary>Write the results in the order the tasks came in, rather than as each is ready.</summary>
        [Parameter]
        public SwitchParameter Ordered { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing() =>
            session = new TaskWaitSession(this, TaskWaitSession.OptionsFor(this, PollIntervalSec, IsBound(nameof(WaitTimeoutSec)) ? WaitTimeoutSec : null), Strings.WaitActivity, Ordered);

        /// <inheritdoc />
        protected override void ProcessRecord() => session!.Guard(() =>
        {
            foreach ((CaptchaTask task, ConnectionSettings settings) in InputTasks())
            {
                session!.Add(task, settings);
            }
            session!.WriteFinished();
        });

        /// <inheritdoc />
        protected override void EndProcessing() => session!.Guard(session.Finish);

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
