using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CapMonster.Api;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    /// <summary>
    /// The base of cmdlets that take existing tasks: CaptchaTask objects (or results, by their CaptchaTask property)
    /// from the pipeline, or bare ids.
    /// </summary>
    public abstract class TaskInputCmdlet : CapMonsterApiCmdlet
    {
        internal const string InputObjectSet = "InputObject";
        internal const string IdSet = "Id";

        private ConnectionSettings? ownSettings;
        private bool? namesConnection;

        /// <summary>Tasks from New-CapMonsterTask (or results, whose CaptchaTask property binds).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputObjectSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias(nameof(CaptchaResult.CaptchaTask))]
        [ValidateNotNullOrEmpty]
        public CaptchaTask[] InputObject { get; set; } = [];

        /// <summary>Ids of tasks created elsewhere.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long[] TaskId { get; set; } = [];

        /// <summary>The type of tasks given by id, for its polling profile and the answer's name.</summary>
        [Parameter(ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(TaskTypeCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Type { get; set; }

        /// <summary>The tasks of this input, each with the connection to reach it through.</summary>
        internal IEnumerable<(CaptchaTask Task, ConnectionSettings Settings)> InputTasks()
        {
            if (ParameterSetName == InputObjectSet)
            {
                // Asked once: the connection parameters are not taken from the pipeline, so every record has the same.
                namesConnection ??= new[] { nameof(ApiKey), nameof(ServiceUri), nameof(WebProxy), nameof(WebProxyCredential), nameof(MaximumRetryCount) }.Any(IsBound);
                foreach (CaptchaTask task in InputObject)
                {
                    // A task keeps the connection it was created with, unless this call names one; -TimeoutSec alone
                    // applies to that connection.
                    ConnectionSettings? own = task.Connection is not null && !namesConnection.Value ? task.Connection : null;
                    if (own is not null && IsBound(nameof(TimeoutSec)))
                    {
                        own = own.WithTimeout(TimeSpan.FromSeconds(TimeoutSec));
                    }
                    yield return (task, own ?? OwnSettings());
                }
                yield break;
            }
            TaskTypeRow row = Type is null ? TaskTypes.Unknown : TaskTypes.FindFirst(Type) ?? TaskTypes.Unknown;
            foreach (long id in TaskId)
            {
                ConnectionSettings settings = OwnSettings();
                yield return (new CaptchaTask(id, row, Type ?? row.Name, null, settings.ServiceUri, row.FirstPoll, null), settings);
            }
        }

        private ConnectionSettings OwnSettings() => ownSettings ??= ResolveSettings(ApiKey, keyRequired: true);
    }
}
