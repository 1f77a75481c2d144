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
            if (!ShouldCreate(this, spec))
            {
                return;
            }
            client ??= CreateClient();
            CaptchaTask task;
            try
            {
                task = Create(this, client, spec);
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

        /// <summary>
        /// Asks ShouldProcess with the JSON that would be sent, key and proxy password redacted. The JSON is built only
        /// when something will show it (-WhatIf, -Confirm, -Verbose): a batch of thousands should not pay for it.
        /// </summary>
        internal static bool ShouldCreate(CapMonsterCmdlet cmdlet, TaskSpec spec) =>
            cmdlet.ShouldProcess(spec.TypeName, Messages.CreateTaskAction(cmdlet.ShowsShouldProcess ? DisplayJson(spec) : spec.ApiType));

        /// <summary>Creates one task and returns it, stamped with the time the request went out.</summary>
        internal static CaptchaTask Create(CapMonsterCmdlet cmdlet, CapMonsterClient client, TaskSpec spec)
        {
            DateTimeOffset sent = DateTimeOffset.UtcNow;
            long id = cmdlet.Run(token => client.CreateTaskAsync(spec.Write, spec.CallbackUrl, spec.SoftId, token));
            return CaptchaTask.FromCreation(spec, id, sent, client.Settings);
        }

        // Base64 images make -WhatIf unreadable: long strings are shortened, with their length.
        private static readonly Regex LongString = new("\"([^\"\\\\]{60})[^\"\\\\]{60,}\"", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>The createTask body as it would go, with *** for the key and the proxy password.</summary>
        internal static string DisplayJson(TaskSpec spec)
        {
            using var stream = new MemoryStream();
            // Relaxed escaping: shown to a person, '+' and Cyrillic should read as themselves.
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteString("clientKey", Redaction.Mask);
                writer.WriteStartObject("task");
                spec.Write(writer);
                writer.WriteEndObject();
                if (spec.CallbackUrl is not null)
                {
                    writer.WriteString("callbackUrl", spec.CallbackUrl);
                }
                if (spec.SoftId is not null)
                {
                    writer.WriteNumber("softId", spec.SoftId.Value);
                }
                writer.WriteEndObject();
            }
            string json = Redaction.RedactJson(Encoding.UTF8.GetString(stream.ToArray()));
            return LongString.Replace(json, m => $"\"{m.Groups[1].Value}…({m.Length - 2:N0} chars)\"");
        }
    }
}
