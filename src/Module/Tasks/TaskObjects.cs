using System;
using System.Linq;
using System.Management.Automation;
using CapMonster.Api;
using CapMonster.Tasks;

namespace CapMonster
{
    /// <summary>A task created with the service: pipe it to Wait-CapMonsterTask or Get-CapMonsterTaskResult.</summary>
    public sealed class CaptchaTask
    {
        internal CaptchaTask(
            long taskId, TaskTypeRow row, string type, DateTimeOffset? createdAt, Uri serviceUri, TimeSpan firstPoll, ConnectionSettings? connection,
            object? input = null, string? path = null, string? websiteUrl = null)
        {
            TaskId = taskId;
            Row = row;
            Type = type;
            Created = createdAt;
            ServiceUri = serviceUri;
            FirstPoll = firstPoll;
            Connection = connection;
            Input = input;
            Path = path;
            WebsiteUrl = websiteUrl;
        }

        /// <summary>The task just created from <paramref name="spec"/>, stamped with the time its request went out.</summary>
        internal static CaptchaTask FromCreation(TaskSpec spec, long taskId, DateTimeOffset sent, ConnectionSettings settings) =>
            new(taskId, spec.Row, spec.TypeName, sent, settings.ServiceUri, spec.FirstPoll, settings, spec.Input, spec.Path, spec.WebsiteUrl);

        /// <summary>The service's id of the task (64-bit).</summary>
        public long TaskId { get; }

        /// <summary>The task type, e.g. RecaptchaV2, or the raw type sent with -Task.</summary>
        public string Type { get; }

        /// <summary>Image or token captcha: which report method a wrong answer goes to (the CaptchaKind's name).</summary>
        public string Kind => Row.Kind.ToString();

        /// <summary>The image file the task was made from (full path); null when it came from no file.</summary>
        public string? Path { get; }

        /// <summary>The page the task is about, as sent (websiteURL); null for a task without one.</summary>
        public string? WebsiteUrl { get; }

        /// <summary>What the task was made from: the piped object (CSV row, hashtable, file, bytes) or the -Task hashtable.</summary>
        public object? Input { get; }

        /// <summary>When the service accepted the task (local time); null for a task known only by its id.</summary>
        public DateTime? CreatedAt => Created?.LocalDateTime;

        /// <summary>The service the task was sent to.</summary>
        public Uri ServiceUri { get; }

        /// <summary>Seconds after creation the first result request comes: about the type's earliest solve time.</summary>
        public double FirstPollSec => FirstPoll.TotalSeconds;

        /// <summary>Seconds Wait-CapMonsterTask waits for this type unless -WaitTimeoutSec says otherwise.</summary>
        public double DefaultWaitTimeoutSec => Row.DefaultTimeout.TotalSeconds;

        internal TimeSpan FirstPoll { get; }

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
            ElapsedSec = solvedAt is not null && task.Created is not null ? (solvedAt - task.Created).Value.TotalSeconds : null;
            Polls = polls;
            Answer = task.Row.MainAnswer is null ? solution : Field(task.Row.MainAnswer);
            Cookies = CookiesOf(solution);
        }

        /// <summary>The task.</summary>
        public CaptchaTask CaptchaTask { get; }

        /// <summary>The task's id.</summary>
        public long TaskId => CaptchaTask.TaskId;

        /// <summary>The task's type.</summary>
        public string Type => CaptchaTask.Type;

        /// <summary>The image file the task was made from; null when it came from no file.</summary>
        public string? Path => CaptchaTask.Path;

        /// <summary>The page the task is about, as sent.</summary>
        public string? WebsiteUrl => CaptchaTask.WebsiteUrl;

        /// <summary>What the task was made from: the piped object or the -Task hashtable.</summary>
        public object? Input => CaptchaTask.Input;

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

        /// <summary>
        /// Every cookie the solution carries, name to value: its cookies object, or the cookies of each of its domains
        /// (DataDome, Imperva, Temu, tspd, Castle). Reads as 'a=1; b=2' as text. Null when it has none.
        /// </summary>
        public PSObject? Cookies { get; }

        /// <summary>The user agent to submit the answer with, where the solution names one.</summary>
        public string? UserAgent => Field("userAgent") as string;

        /// <summary>What the service charged, where it says.</summary>
        public decimal? Cost { get; }

        /// <summary>When the module saw the solution ready (local time).</summary>
        public DateTime? SolvedAt { get; }

        /// <summary>Seconds from creation to the solution seen ready.</summary>
        public double? ElapsedSec { get; }

        /// <summary>How many result requests the wait made for this task.</summary>
        public int Polls { get; }

        private static readonly PSCodeMethod CookieHeader = new("ToString", typeof(CaptchaResult).GetMethod(nameof(RenderCookies))!);

        /// <summary>The ToString of <see cref="Cookies"/>: a Cookie header's 'a=1; b=2' (a PSCodeMethod: public, static, the instance first).</summary>
        public static string RenderCookies(PSObject instance) =>
            string.Join("; ", instance.Properties.Select(p => $"{p.Name}={p.Value}"));

        private static PSObject? CookiesOf(PSObject? solution)
        {
            if (solution is null)
            {
                return null;
            }
            var cookies = new PSObject();
            void Add(object? from)
            {
                foreach (PSPropertyInfo cookie in (from as PSObject)?.Properties ?? Enumerable.Empty<PSPropertyInfo>())
                {
                    if (cookies.Properties[cookie.Name] is null)
                    {
                        cookies.Properties.Add(new PSNoteProperty(cookie.Name, cookie.Value));
                    }
                }
            }
            Add(solution.Properties["cookies"]?.Value);
            foreach (PSPropertyInfo domain in (solution.Properties["domains"]?.Value as PSObject)?.Properties ?? Enumerable.Empty<PSPropertyInfo>())
            {
                Add((domain.Value as PSObject)?.Properties["cookies"]?.Value);
            }
            if (!cookies.Properties.Any())
            {
                return null;
            }
            cookies.Methods.Add(CookieHeader);
            return cookies;
        }

        private object? Field(string name)
        {
            // The service's names vary in case (tspd answers with Domains); look them up as PowerShell does.
            PSPropertyInfo? property = Solution?.Properties[name];
            return property?.Value;
        }
    }
}
