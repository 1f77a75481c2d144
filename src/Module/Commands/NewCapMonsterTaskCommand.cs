using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CapMonster.Api;
using CapMonster.Localization;
using CapMonster.Tasks;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates captcha tasks with the service: each costs money once solved.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CapMonsterTask", DefaultParameterSetName = TypedSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(CaptchaTask))]
    public sealed class NewCapMonsterTaskCommand : TaskParametersCmdlet
    {
        private readonly List<(long TaskId, object? Input)> created = [];
        private CapMonsterClient? client;

        /// <inheritdoc />
        protected override void ProcessRecord() => ReportingCreatedOnStop(() =>
        {
            foreach (TaskSpec spec in BuildSpecs())
            {
                Submit(spec);
            }
        });

        /// <inheritdoc />
        protected override void EndProcessing() => ReportingCreatedOnStop(() =>
        {
            foreach (TaskSpec spec in BuildPipedBytes())
            {
                Submit(spec);
            }
        });

        /// <summary>
        /// Runs a step; if it stops early (an account error, Ctrl+C, -ErrorAction Stop here or further down), the tasks
        /// written so far may never reach a variable, so their ids are named where the user will see them.
        /// </summary>
        private void ReportingCreatedOnStop(Action step)
        {
            try
            {
                step();
            }
            catch
            {
                if (created.Count > 0)
                {
                    StopReport.Warn(this, Messages.CreatedBeforeStop(
                        created.Count,
                        string.Join(", ", created.Select(c => c.TaskId.ToString(CultureInfo.InvariantCulture))),
                        string.Join("; ", created.Select(c => Messages.TaskOfInput(c.TaskId, StopReport.Show(c.Input))))));
                    created.Clear();
                }
                throw;
            }
        }

        private void Submit(TaskSpec spec)
        {
            if (!ShouldCreate(spec))
            {
                return;
            }
            client ??= CreateClient();
            CaptchaTask task;
            try
            {
                task = Create(client, spec);
            }
            catch (CapMonsterException e) when (e.Entry?.Area == ErrorArea.Account)
            {
                ThrowCapMonsterError(e, spec.Target); // a bad key or no funds: no later task would fare better
                return;
            }
            catch (CapMonsterException e)
            {
                WriteCapMonsterError(e, spec.Target);
                return;
            }
            created.Add((task.TaskId, spec.Target));
            WriteObject(task);
        }

        /// <summary>Creates one task and returns it, stamped with the time the request went out.</summary>
        private CaptchaTask Create(CapMonsterClient client, TaskSpec spec)
        {
            DateTimeOffset sent = DateTimeOffset.UtcNow;
            long id = Run(token => client.CreateTaskAsync(spec.Write, spec.CallbackUrl, spec.SoftId, token));
            return CaptchaTask.FromCreation(spec, id, sent, client.Settings);
        }
    }
}
