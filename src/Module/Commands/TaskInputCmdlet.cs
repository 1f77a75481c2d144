using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CapMonster.Api;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    /// <summary>
    /// The base of cmdlets that take existing tasks: CapMonster.Task objects (or results, by their Task property)
    /// from the pipeline, or bare ids.
    /// </summary>
    public abstract class TaskInputCmdlet : CapMonsterApiCmdlet
    {
        internal const string TaskSet = "Task";
        internal const string IdSet = "Id";

        private ConnectionSettings? ownSettings;

        /// <summary>Tasks from New-CapMonsterTask (or results, whose Task property binds).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = TaskSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public CapMonster.Task[] Task { get; set; } = [];

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
        internal IEnumerable<(CapMonster.Task Task, ConnectionSettings Settings)> InputTasks()
        {
            if (ParameterSetName == TaskSet)
            {
                foreach (CapMonster.Task task in Task)
                {
                    // A task keeps the connection it was created with, unless this call names one; a per-request
                    // -TimeoutSec alone applies to that connection.
                    ConnectionSettings? own = task.Connection is not null && !NamesConnection() ? task.Connection : null;
                    if (own is not null && TimeoutSecIsPerRequest && IsBound(nameof(TimeoutSec)))
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
                yield return (new CapMonster.Task(id, row, Type ?? row.Name, null, settings.ServiceUri, row.FirstPoll, null), settings);
            }
        }

        private bool NamesConnection() =>
            new[] { nameof(ApiKey), nameof(ServiceUri), nameof(WebProxy), nameof(WebProxyCredential), nameof(MaxRetries) }.Any(IsBound);

        private ConnectionSettings OwnSettings() => ownSettings ??= ResolveSettings(ApiKey, keyRequired: true);
    }
}
