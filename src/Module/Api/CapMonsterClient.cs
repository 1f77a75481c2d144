using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using CapMonster.Localization;

namespace CapMonster.Api
{
    using System.Threading.Tasks;

    /// <summary>
    /// The CapMonster Cloud API's methods, typed: each writes its request, sends it through the transport with the
    /// retry policy and reads the answer through the interpreter. Shows nothing that holds the key.
    /// </summary>
    internal sealed class CapMonsterClient
    {
        private readonly HttpTransport transport;
        private readonly ResponseInterpreter interpreter;
        private readonly RetryPolicy retryPolicy;
        private readonly IApiEvents events;
        private readonly IClock clock;

        internal CapMonsterClient(ConnectionSettings settings, IApiEvents events, HttpClient? http = null, IClock? clock = null, Random? jitter = null)
        {
            Settings = settings;
            this.events = events;
            this.clock = clock ?? SystemClock.Instance;
            transport = new HttpTransport(settings, events, http);
            interpreter = new ResponseInterpreter(settings.Key);
            retryPolicy = new RetryPolicy(settings.MaximumRetryCount, settings.RetryInterval, jitter);
        }

        internal ConnectionSettings Settings { get; }

        /// <summary>This connection's retries: their count and pauses, for callers that repeat refused requests themselves.</summary>
        internal RetryPolicy Retries => retryPolicy;

        internal async Task<decimal> GetBalanceAsync(CancellationToken cancellationToken)
        {
            ApiResponse response = await SendAsync(ApiMethod.GetBalance, null, null, retryRateLimits: true, cancellationToken).ConfigureAwait(false);
            return interpreter.ReadBalance(response);
        }

        /// <summary>
        /// Creates a task; <paramref name="writeTask"/> writes the task object's properties. A failure after the
        /// request may have reached the service is TaskCreationUncertain: a task may exist, so it is never repeated.
        /// With <paramref name="retryRefusals"/> false, a refusal (ERROR_NO_SLOT_AVAILABLE, ERROR_TOO_MUCH_REQUESTS,
        /// HTTP 429) reaches the caller at once, for a batch that adapts how many tasks it keeps in flight.
        /// </summary>
        internal async Task<long> CreateTaskAsync(Action<Utf8JsonWriter> writeTask, string? callbackUrl, int? softId, CancellationToken cancellationToken, bool retryRefusals = true)
        {
            ApiResponse response = await SendAsync(ApiMethod.CreateTask, writer => WriteCreateTaskFields(writer, writeTask, callbackUrl, softId), null, retryRefusals, cancellationToken).ConfigureAwait(false);
            try
            {
                return interpreter.ReadTaskId(response);
            }
            catch (CapMonsterException e)
            {
                throw TaskMayExist(e); // the service answered, but not with a task id that can be used
            }
        }

        /// <summary>
        /// One poll. CAPTCHA_NOT_READY and HTTP 503 mean processing. With <paramref name="retryRateLimits"/> false,
        /// ERROR_TOO_MUCH_REQUESTS reaches the caller at once, for a waiter that slows the task down itself.
        /// </summary>
        internal async Task<TaskResultResponse> GetTaskResultAsync(long taskId, bool retryRateLimits, CancellationToken cancellationToken)
        {
            ApiResponse response = await SendAsync(ApiMethod.GetTaskResult, w => w.WriteNumber("taskId", taskId), taskId, retryRateLimits, cancellationToken).ConfigureAwait(false);
            return interpreter.ReadTaskResult(response, taskId);
        }

        /// <summary>Reports a wrong answer; returns the service's status ("success").</summary>
        internal async Task<string> ReportIncorrectAsync(bool imageTask, long taskId, CancellationToken cancellationToken)
        {
            ApiMethod method = imageTask ? ApiMethod.ReportIncorrectImageCaptcha : ApiMethod.ReportIncorrectTokenCaptcha;
            ApiResponse response = await SendAsync(method, w => w.WriteNumber("taskId", taskId), taskId, retryRateLimits: true, cancellationToken).ConfigureAwait(false);
            return interpreter.ReadReportStatus(method, response, taskId);
        }

        /// <summary>The user agent the service wants now: plain text, or a JSON string.</summary>
        internal async Task<string> GetUserAgentAsync(CancellationToken cancellationToken)
        {
            ApiResponse response = await SendAsync(ApiMethod.GetUserAgent, null, null, retryRateLimits: true, cancellationToken).ConfigureAwait(false);
            return interpreter.ReadUserAgent(response);
        }

        /// <summary>Sends one call, repeating it as the retry policy says, with a warning before each retry.</summary>
        private async Task<ApiResponse> SendAsync(
            ApiMethod method, Action<Utf8JsonWriter>? writeFields, long? taskId, bool retryRateLimits, CancellationToken cancellationToken)
        {
            string name = ApiMethods.Name(method);
            bool isGet = method == ApiMethod.GetUserAgent;
            Uri uri = isGet ? Settings.UserAgentUri : Settings.MethodUri(name);
            byte[]? body = isGet ? null : WriteBody(writeFields);
            for (int retry = 0; ; retry++)
            {
                Attempt<HttpAnswer> sent = await transport.SendAsync(name, uri, body, taskId, cancellationToken).ConfigureAwait(false);
                Attempt<ApiResponse> attempt = sent.Value is { } answer
                    ? interpreter.Interpret(method, answer, taskId)
                    : Attempt<ApiResponse>.Failed(sent.Error!, sent.RequestMayHaveArrived);
                if (attempt.Value is { } response)
                {
                    return response;
                }
                CapMonsterException error = attempt.Error!;
                RetryDecision decision = RetryPolicy.Decide(method, error, attempt.RequestMayHaveArrived, retryRateLimits);
                if (decision == RetryDecision.TaskMayExist)
                {
                    throw TaskMayExist(error);
                }
                if (decision == RetryDecision.GiveUp || retry >= retryPolicy.MaximumRetryCount)
                {
                    throw error;
                }
                TimeSpan delay = retryPolicy.Delay(retry, error, attempt.RetryAfter);
                events.Warning(Messages.Retrying(name, delay.TotalSeconds, retry + 1, retryPolicy.MaximumRetryCount, error.ErrorCode + ": " + error.Message));
                await clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>createTask's fields after the key: the one writer of that envelope, also for what -WhatIf shows.</summary>
        internal static void WriteCreateTaskFields(Utf8JsonWriter writer, Action<Utf8JsonWriter> writeTask, string? callbackUrl, int? softId)
        {
            writer.WriteStartObject("task");
            writeTask(writer);
            writer.WriteEndObject();
            if (callbackUrl is not null)
            {
                writer.WriteString("callbackUrl", callbackUrl);
            }
            if (softId is not null)
            {
                writer.WriteNumber("softId", softId.Value);
            }
        }

        /// <summary>A createTask failure after which a task may exist: never "same request", whatever the cause's advice.</summary>
        private static CapMonsterException TaskMayExist(CapMonsterException cause) => CapMonsterException.FromModuleError(
            ModuleErrorId.TaskCreationUncertain, Messages.TaskCreationUncertain(cause.Message), cause, null, cause.HttpStatus, cause.Category);

        private byte[] WriteBody(Action<Utf8JsonWriter>? writeFields)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                if (Settings.Key is not null)
                {
                    writer.WriteString("clientKey", Settings.Key.Reveal());
                }
                writeFields?.Invoke(writer);
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }
    }
}
