using System.Management.Automation;
using CapMonster.Api;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Asks once for tasks' results: processing, or ready with the solution.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CapMonsterTaskResult", DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(CaptchaResult))]
    public sealed class GetCapMonsterTaskResultCommand : TaskInputCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach ((CaptchaTask task, ConnectionSettings settings) in InputTasks())
            {
                CapMonsterClient client = CreateClient(settings);
                try
                {
                    TaskResultResponse response = Run(token => client.GetTaskResultAsync(task.TaskId, retryRateLimits: true, token));
                    WriteObject(CaptchaResults.From(task, response, polls: 1, System.DateTimeOffset.UtcNow));
                }
                catch (CapMonsterException e)
                {
                    WriteCapMonsterError(e, task);
                }
            }
        }
    }
}
