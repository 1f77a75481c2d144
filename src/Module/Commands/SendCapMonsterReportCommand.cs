using System.Management.Automation;
using CapMonster.Localization;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Reports that the service solved a task wrongly.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "CapMonsterReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ReportResult))]
    public sealed class SendCapMonsterReportCommand : CapMonsterApiCmdlet
    {
        private Api.CapMonsterClient? client;

        /// <summary>The task whose answer was wrong.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        [Alias("Id")]
        public long TaskId { get; set; }

        /// <summary>Image or token captcha; taken from the task's type when the task or its result is piped.</summary>
        [Parameter(Position = 1)]
        public CaptchaKind Kind { get; set; }

        /// <summary>The task's type (ImageToText, RecaptchaV2...), from a piped task or result; decides -Kind when it is not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("TaskType")]
        public string? Type { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing() => client = CreateClient();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            CaptchaKind? kind = MyInvocation.BoundParameters.ContainsKey(nameof(Kind)) ? Kind : KindOf(Type);
            if (kind is null)
            {
                WriteCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.ReportKindUnknown, Messages.ReportKindUnknown(TaskId), taskId: TaskId), TaskId);
                return;
            }
            if (!ShouldProcess(TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture), Messages.ReportAction(kind.Value.ToString())))
            {
                return;
            }
            try
            {
                string status = Run(token => client!.ReportIncorrectAsync(kind == CaptchaKind.Image, TaskId, token));
                WriteObject(new ReportResult(TaskId, kind.Value, status));
            }
            catch (CapMonsterException e)
            {
                WriteCapMonsterError(e, TaskId);
            }
        }

        /// <summary>The kind the task-type table gives the type (a name or an API type); null for a type it does not know.</summary>
        private static CaptchaKind? KindOf(string? type) =>
            string.IsNullOrWhiteSpace(type) ? null : Tasks.TaskTypes.FindFirst(type!)?.Kind;
    }
}
