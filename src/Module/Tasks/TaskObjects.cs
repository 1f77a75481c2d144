using System;
using System.Management.Automation;
using CapMonster.Api;
using CapMonster.Tasks;

namespace CapMonster
{
    /// <summary>A task created with the service: pipe it to Wait-CapMonsterTask or Get-CapMonsterTaskResult.</summary>
    public sealed class CaptchaTask
    {
        internal CaptchaTask(long taskId, TaskTypeRow row, string type, DateTimeOffset? createdAt, Uri serviceUri, TimeSpan firstPoll, ConnectionSettings? connection)
        {
            TaskId = taskId;
            Row = row;
            Type = type;
            Created = createdAt;
            ServiceUri = serviceUri;
            FirstPoll = firstPoll;
            Connection = connection;
        }

        /// <summary>The task just created from <paramref name="spec"/>, stamped with the time its request went out.</summary>
        internal static CaptchaTask FromCreation(TaskSpec spec, long taskId, DateTimeOffset sent, ConnectionSettings settings) =>
            new(taskId, spec.Row, spec.TypeName, sent, settings.ServiceUri, spec.FirstPoll, settings);

        /// <summary>The service's id of the task (64-bit).</summary>
        public long TaskId { get; }

        /// <summary>The task type, e.g. RecaptchaV2, or the raw type sent with -Task.</summary>
        public string Type { get; }

        /// <summary>Image or token captcha: which report method a wrong answer goes to.</summary>
        public CaptchaKind Kind => Row.Kind;

        /// <summary>When the service accepted the task (local time); null for a task known only by its id.</summary>
        public DateTime? CreatedAt => Created?.LocalDateTime;

        /// <summary>The service the task was sent to.</summary>
        public Uri ServiceUri { get; }

        /// <summary>How long after creation the first result request comes: about the type's earliest solve time.</summary>
        public TimeSpan FirstPoll { get; }

        /// <summary>How long Wait-CapMonsterTask waits for this type unless -WaitTimeoutSec says otherwise.</summary>
        public TimeSpan DefaultTimeout => Row.DefaultTimeout;

        internal TaskTypeRow Row { get; }

        internal DateTimeOffset? Created { get; }

        /// <summary>The connection the task was created with, so waiting needs no key again; never shown.</summary>
        internal ConnectionSettings? Connection { get; }

        /// <inheritdoc />
        public override string ToString() => TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What a task came to: still processing, or ready with the solution.</summary>
    public sealed class CaptchaResult
    {
        internal CaptchaResult(CaptchaTask task, bool isReady, PSObject? solution, decimal? cost, DateTimeOffset? solvedAt, int polls)
        {
            CaptchaTask = task;
            Status = isReady ? "ready" : "processing";
            Solution = solution;
            Cost = cost;
            SolvedAt = solvedAt?.LocalDateTime;
            Elapsed = solvedAt is not null && task.Created is not null ? solvedAt - task.Created : null;
            Polls = polls;
            Answer = task.Row.MainAnswer is null ? solution : Field(task.Row.MainAnswer);
        }

        /// <summary>The task.</summary>
        public CaptchaTask CaptchaTask { get; }

        /// <summary>The task's id.</summary>
        public long TaskId => CaptchaTask.TaskId;

        /// <summary>The task's type.</summary>
        public string Type => CaptchaTask.Type;

        /// <summary>"ready" or "processing".</summary>
        public string Status { get; }

        /// <summary>The main answer: the solution field that matters for the type (text, gRecaptchaResponse, token...), or the whole solution.</summary>
        public object? Answer { get; }

        /// <summary>Every field the service returned, under its JSON name.</summary>
        public PSObject? Solution { get; }

        /// <summary>The answer of an image-to-text task.</summary>
        public string? Text => Field("text") as string;

        /// <summary>The token of Turnstile, FunCaptcha and other token tasks.</summary>
        public string? Token => Field("token") as string;

        /// <summary>The reCAPTCHA or hCaptcha response.</summary>
        public string? GRecaptchaResponse => Field("gRecaptchaResponse") as string;

        /// <summary>The cf_clearance cookie of a Cloudflare challenge.</summary>
        public string? CfClearance => Field("cf_clearance") as string;

        /// <summary>Cookies the solution carries, where it has them.</summary>
        public object? Cookies => Field("cookies");

        /// <summary>The user agent to submit the answer with, where the solution names one.</summary>
        public string? UserAgent => Field("userAgent") as string;

        /// <summary>What the service charged, where it says.</summary>
        public decimal? Cost { get; }

        /// <summary>When the module saw the solution ready (local time).</summary>
        public DateTime? SolvedAt { get; }

        /// <summary>From creation to the solution seen ready.</summary>
        public TimeSpan? Elapsed { get; }

        /// <summary>How many result requests the wait made for this task.</summary>
        public int Polls { get; }

        private object? Field(string name)
        {
            // The service's names vary in case (tspd answers with Domains); look them up as PowerShell does.
            PSPropertyInfo? property = Solution?.Properties[name];
            return property?.Value;
        }
    }
}
