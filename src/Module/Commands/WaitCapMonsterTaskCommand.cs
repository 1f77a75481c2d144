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

        /// <inheritdoc />
        protected override void BeginProcessing() => session = new TaskWaitSession(this, TaskWaitSession.OptionsFor(this, PollIntervalSec, IsBound(nameof(WaitTimeoutSec)) ? WaitTimeoutSec : null), Messages.WaitActivity);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach ((CaptchaTask task, ConnectionSettings settings) in InputTasks())
            {
                session!.Add(task, settings);
            }
            session!.WriteFinished();
        }

        /// <inheritdoc />
        protected override void EndProcessing() => session!.Finish();

    }
}
