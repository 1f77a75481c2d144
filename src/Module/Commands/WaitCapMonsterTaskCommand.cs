using System.Management.Automation;
using CapMonster.Api;
using CapMonster.Localization;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Waits for any number of tasks at once and writes each result the moment it is ready.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "CapMonsterTask", DefaultParameterSetName = TaskSet)]
    [OutputType(typeof(TaskResult))]
    public sealed class WaitCapMonsterTaskCommand : TaskInputCmdlet
    {
        private TaskWaitSession? session;

        /// <summary>Seconds between result requests for a task; the API asks for 2 or more.</summary>
        [Parameter]
        [ValidateRange(WaitOptions.MinPollIntervalSeconds, 60)]
        public double PollInterval { get; set; } = WaitOptions.DefaultPollInterval.TotalSeconds;

        internal override bool TimeoutSecIsPerRequest => false;

        /// <inheritdoc />
        protected override void BeginProcessing() => session = new TaskWaitSession(this, TaskWaitSession.OptionsFor(this, PollInterval), Messages.WaitActivity);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach ((CapMonster.Task task, ConnectionSettings settings) in InputTasks())
            {
                session!.Add(task, settings);
            }
            session!.WriteFinished();
        }

        /// <inheritdoc />
        protected override void EndProcessing() => session!.Finish();

    }
}
