using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using CapMonster.Localization;

namespace CapMonster.Api
{
    using System.Threading.Tasks;

    /// <summary>The API's methods. Read-only ones may be repeated freely; createTask may cost money.</summary>
    internal enum ApiMethod
    {
        CreateTask,
        GetTaskResult,
        GetBalance,
        ReportIncorrectImageCaptcha,
        ReportIncorrectTokenCaptcha,
        GetUserAgent,
    }

    /// <summary>One successful answer: its HTTP status and its JSON (a detached copy), or text for the user agent.</summary>
    internal sealed class ApiResponse
    {
        internal ApiResponse(int status, JsonElement body, string text)
        {
            Status = status;
            Body = body;
            Text = text;
        }

        internal int Status { get; }

        internal JsonElement Body { get; }

        internal string Text { get; }
    }

    /// <summary>getTaskResult's answer: still processing, or ready with the solution.</summary>
    internal sealed class TaskResultResponse
    {
        internal TaskResultResponse(bool isReady, JsonElement? solution, decimal? cost, JsonElement body)
        {
            IsReady = isReady;
            Solution = solution;
            Cost = cost;
            Body = body;
        }

        internal bool IsReady { get; }

        internal JsonElement? Solution { get; }

        internal decimal? Cost { get; }

        internal JsonElement Body { get; }
    }

    /// <summary>
    /// The CapMonster Cloud API over one shared HttpClient. Reads every answer whatever its HTTP status, turns API
    /// errors into catalog exceptions and everything else into the module's own, retries what is safe to retry,
    /// and shows nothing that holds the key.
    /// </summary>
    internal sealed class CapMonsterClient
    {
        private const int SnippetLength = 200;
        private const int DebugBodyLength = 4000;
        private const string NotReadyCode = "CAPTCHA_NOT_READY";
        private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        private static readonly TimeSpan BaseRetryDelay = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

        private readonly ConnectionSettings settings;
        private readonly HttpClient http;
        private readonly IClock clock;
        private readonly IApiEvents events;
        private readonly Random jitter;

        internal CapMonsterClient(ConnectionSettings settings, IApiEvents events, HttpClient? http = null, IClock? clock = null, Random? jitter = null)
        {
            this.settings = settings;
            this.events = events;
            this.http = http ?? HttpClientPool.Get(settings.Proxy);
            this.clock = clock ?? SystemClock.Instance;
            this.jitter = jitter ?? new Random();
        }

        internal ConnectionSettings Settings => settings;

        internal async Task<decimal> GetBalanceAsync(CancellationToken cancellationToken)
        {
            ApiResponse response = await SendAsync(ApiMethod.GetBalance, null, null, retryRateLimits: true, cancellationToken).ConfigureAwait(false);
            return Json.GetDecimal(response.Body, "balance") ?? throw MissingField(ApiMethod.GetBalance, response, "balance", null);
        }

        /// <summary>Creates a task; <paramref name="writeTask"/> writes the task object's properties.</summary>
        internal async Task<long> CreateTaskAsync(Action<Utf8JsonWriter> writeTask, string? callbackUrl, int? softId, CancellationToken cancellationToken)
        {
            void WriteBody(Utf8JsonWriter writer)
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
            ApiResponse response = await SendAsync(ApiMethod.CreateTask, WriteBody, null, retryRateLimits: true, cancellationToken).ConfigureAwait(false);
            return Json.GetInt64(response.Body, "taskId") ?? throw MissingField(ApiMethod.CreateTask, response, "taskId", null);
        }

        /// <summary>
        /// One poll. CAPTCHA_NOT_READY and HTTP 503 mean processing. With <paramref name="retryRateLimits"/> false,
        /// ERROR_TOO_MUCH_REQUESTS reaches the caller at once, for a waiter that slows the task down itself.
        /// </summary>
        internal async Task<TaskResultResponse> GetTaskResultAsync(long taskId, bool retryRateLimits, CancellationToken cancellationToken)
        {
            ApiResponse response = await SendAsync(ApiMethod.GetTaskResult, w => w.WriteNumber("taskId", taskId), taskId, retryRateLimits, cancellationToken).ConfigureAwait(false);
            if (response.Body.ValueKind != JsonValueKind.Object)
            {
                return new TaskResultResponse(false, null, null, response.Body); // 503 or CAPTCHA_NOT_READY
            }
            string? status = Json.GetString(response.Body, "status");
            if (string.Equals(status, "ready", StringComparison.OrdinalIgnoreCase))
            {
                JsonElement? solution = Json.TryGetProperty(response.Body, "solution", out JsonElement s) ? s : null;
                return new TaskResultResponse(true, solution, Json.GetDecimal(response.Body, "cost"), response.Body);
            }
            if (status is null || string.Equals(status, "processing", StringComparison.OrdinalIgnoreCase))
            {
                return new TaskResultResponse(false, null, null, response.Body);
            }
            throw InvalidResponse(ApiMethod.GetTaskResult, response.Status, Messages.MissingField("status"), response.Text, taskId);
        }

        /// <summary>Reports a wrong answer; returns the service's status ("success").</summary>
        internal async Task<string> ReportIncorrectAsync(bool imageTask, long taskId, CancellationToken cancellationToken)
        {
            ApiMethod method = imageTask ? ApiMethod.ReportIncorrectImageCaptcha : ApiMethod.ReportIncorrectTokenCaptcha;
            ApiResponse response = await SendAsync(method, w => w.WriteNumber("taskId", taskId), taskId, retryRateLimits: true, cancellationToken).ConfigureAwait(false);
            return Json.GetString(response.Body, "status") ?? throw MissingField(method, response, "status", taskId);
        }

        /// <summary>The user agent the service wants now: plain text, or a JSON string.</summary>
        internal async Task<string> GetUserAgentAsync(CancellationToken cancellationToken)
        {
            ApiResponse response = await SendAsync(ApiMethod.GetUserAgent, null, null, retryRateLimits: true, cancellationToken).ConfigureAwait(false);
            string text = response.Body.ValueKind == JsonValueKind.String ? response.Body.GetString()! : response.Text;
            text = text.Trim();
            return text.Length > 0 ? text : throw InvalidResponse(ApiMethod.GetUserAgent, response.Status, Messages.EmptyBody, response.Text, null);
        }

        /// <summary>Sends one call with the retry policy.</summary>
        private async Task<ApiResponse> SendAsync(
            ApiMethod method, Action<Utf8JsonWriter>? writeFields, long? taskId, bool retryRateLimits, CancellationToken cancellationToken)
        {
            for (int retry = 0; ; retry++)
            {
                Attempt attempt = await SendOnceAsync(method, writeFields, taskId, cancellationToken).ConfigureAwait(false);
                if (attempt.Response is not null)
                {
                    return attempt.Response;
                }
                CapMonsterException error = attempt.Error!;
                if (retry >= settings.MaximumRetryCount || !ShouldRetry(method, error, attempt.RequestMayHaveArrived, retryRateLimits))
                {
                    throw error;
                }
                TimeSpan delay = RetryDelay(retry, attempt.RetryAfter);
                events.Warning(Messages.Retrying(Name(method), delay.TotalSeconds, retry + 1, settings.MaximumRetryCount, error.ErrorCode + ": " + error.Message));
                await clock.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Whether repeating can help and cannot cost twice: API rate and capacity errors always (the answer says
        /// nothing was created); HTTP 429 always; other failures only for calls that create nothing, or, for
        /// createTask, when the request never reached the service.
        /// </summary>
        internal static bool ShouldRetry(ApiMethod method, CapMonsterException error, bool requestMayHaveArrived, bool retryRateLimits)
        {
            if (error.Entry?.Source == ErrorSource.Api)
            {
                return error.ErrorCode.EndsWith("NO_SLOT_AVAILABLE", StringComparison.OrdinalIgnoreCase)
                    || (retryRateLimits && error.ErrorCode.EndsWith("TOO_MUCH_REQUESTS", StringComparison.OrdinalIgnoreCase));
            }
            if (error.Entry is null || error.Retry == RetryAdvice.Never)
            {
                return false; // unknown API codes and failures that repeating does not fix
            }
            if (error.HttpStatus == 429)
            {
                return retryRateLimits;
            }
            return method != ApiMethod.CreateTask || !requestMayHaveArrived;
        }

        /// <summary>Exponential backoff from 1 s with ±25 % jitter, capped at 30 s; a Retry-After header wins when longer.</summary>
        internal TimeSpan RetryDelay(int retry, TimeSpan? retryAfter)
        {
            double seconds = Math.Min(BaseRetryDelay.TotalSeconds * Math.Pow(2, retry), MaxRetryDelay.TotalSeconds);
            double jittered;
            lock (jitter)
            {
                jittered = seconds * (0.75 + (jitter.NextDouble() * 0.5));
            }
            TimeSpan delay = TimeSpan.FromSeconds(jittered);
            return retryAfter is { } after && after > delay ? (after < MaxRetryDelay ? after : MaxRetryDelay) : delay;
        }

        private async Task<Attempt> SendOnceAsync(ApiMethod method, Action<Utf8JsonWriter>? writeFields, long? taskId, CancellationToken cancellationToken)
        {
            string name = Name(method);
            bool isGet = method == ApiMethod.GetUserAgent;
            Uri uri = isGet ? settings.UserAgentUri : settings.MethodUri(name);
            using var request = new HttpRequestMessage(isGet ? HttpMethod.Get : HttpMethod.Post, uri);
            if (!isGet)
            {
                byte[] body = WriteBody(writeFields);
                events.Debug(Messages.RequestBody(name, Redaction.RedactJson(Encoding.UTF8.GetString(body))));
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonContentType;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            var stopwatch = Stopwatch.StartNew();
            bool connected = false;
            try
            {
                using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                connected = true;
                byte[] bytes = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                events.Verbose(Messages.CallSummary(request.Method.Method, uri, status, stopwatch.ElapsedMilliseconds));
                string text = Encoding.UTF8.GetString(bytes);
                events.Debug(Messages.ResponseBody(name, Redaction.RedactJson(Scrub(Truncate(text, DebugBodyLength)))));
                return Interpret(method, response, status, text, taskId);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                events.Verbose(Messages.CallSummary(request.Method.Method, uri, 0, stopwatch.ElapsedMilliseconds));
                return Attempt.Failed(
                    CapMonsterException.FromModuleError("RequestTimeout", Messages.RequestTimedOut(name, uri, settings.Timeout.TotalSeconds), null, taskId),
                    requestMayHaveArrived: true);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
            {
                events.Verbose(Messages.CallSummary(request.Method.Method, uri, 0, stopwatch.ElapsedMilliseconds));
                return Attempt.Failed(
                    CapMonsterException.FromModuleError("ConnectionFailed", Messages.ConnectionFailed(name, uri, Scrub(InnermostMessage(e))), e, taskId),
                    requestMayHaveArrived: connected || !NeverConnected(e));
            }
        }

        private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
        {
            // netstandard2.0 has no cancellable ReadAsByteArrayAsync: copy the stream with the token instead.
            using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }

        private Attempt Interpret(ApiMethod method, HttpResponseMessage response, int status, string text, long? taskId)
        {
            bool success = status is >= 200 and < 300;
            JsonElement root;
            try
            {
                using JsonDocument document = JsonDocument.Parse(text);
                root = document.RootElement.Clone();
            }
            catch (JsonException) when (method == ApiMethod.GetUserAgent && success && text.Trim().Length > 0)
            {
                return Attempt.Succeeded(new ApiResponse(status, default, text)); // plain-text user agent
            }
            catch (JsonException) when (method == ApiMethod.GetTaskResult && status == 503)
            {
                return Attempt.Succeeded(new ApiResponse(status, default, text)); // still processing
            }
            catch (JsonException)
            {
                return success
                    ? Attempt.Failed(InvalidResponse(method, status, text.Trim().Length == 0 ? Messages.EmptyBody : Messages.NotJson, text, taskId), requestMayHaveArrived: true)
                    : Attempt.Failed(HttpError(method, response, text, taskId), requestMayHaveArrived: true, RetryAfter(response));
            }

            long? errorId = Json.GetInt64(root, "errorId");
            if (errorId is not null and not 0)
            {
                string code = Json.GetString(root, "errorCode") ?? "ERROR_ID_" + errorId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (method == ApiMethod.GetTaskResult && string.Equals(code, NotReadyCode, StringComparison.OrdinalIgnoreCase))
                {
                    return Attempt.Succeeded(new ApiResponse(status, default, text)); // still processing
                }
                string? description = Json.GetString(root, "errorDescription");
                return Attempt.Failed(
                    CapMonsterException.FromApiError(code, description is null ? null : Scrub(description), taskId, status),
                    requestMayHaveArrived: true, RetryAfter(response));
            }
            if (method == ApiMethod.GetTaskResult && status == 503)
            {
                return Attempt.Succeeded(new ApiResponse(status, default, text));
            }
            if (!success)
            {
                return Attempt.Failed(HttpError(method, response, text, taskId), requestMayHaveArrived: true, RetryAfter(response));
            }
            if (errorId is null && method != ApiMethod.GetUserAgent && root.ValueKind != JsonValueKind.Object)
            {
                return Attempt.Failed(InvalidResponse(method, status, Messages.MissingField("errorId"), text, taskId), requestMayHaveArrived: true);
            }
            return Attempt.Succeeded(new ApiResponse(status, root, text));
        }

        private CapMonsterException HttpError(ApiMethod method, HttpResponseMessage response, string text, long? taskId)
        {
            int status = (int)response.StatusCode;
            ErrorCategory category = status switch
            {
                401 => ErrorCategory.AuthenticationError,
                402 => ErrorCategory.QuotaExceeded,
                403 => ErrorCategory.PermissionDenied,
                404 => ErrorCategory.ObjectNotFound,
                408 or 504 => ErrorCategory.OperationTimeout,
                429 => ErrorCategory.LimitsExceeded,
                >= 500 => ErrorCategory.ResourceUnavailable,
                _ => ErrorCategory.ProtocolError,
            };
            RetryAdvice retry = status == 429 || status >= 500 ? RetryAdvice.SameRequest : RetryAdvice.Never;
            return CapMonsterException.FromModuleError(
                "HttpError", Messages.HttpError(Name(method), status, response.ReasonPhrase ?? string.Empty, Snippet(text)), null, taskId, status, category, retry);
        }

        private CapMonsterException InvalidResponse(ApiMethod method, int status, string reason, string text, long? taskId) =>
            CapMonsterException.FromModuleError("InvalidResponse", Messages.InvalidResponse(Name(method), status, reason, Snippet(text)), null, taskId, status);

        private CapMonsterException MissingField(ApiMethod method, ApiResponse response, string field, long? taskId) =>
            InvalidResponse(method, response.Status, Messages.MissingField(field), response.Text, taskId);

        private byte[] WriteBody(Action<Utf8JsonWriter>? writeFields)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                if (settings.Key is not null)
                {
                    writer.WriteString("clientKey", settings.Key.Reveal());
                }
                writeFields?.Invoke(writer);
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }

        private string Snippet(string text)
        {
            string collapsed = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return collapsed.Length == 0 ? "\"\"" : Redaction.RedactJson(Scrub(Truncate(collapsed, SnippetLength)));
        }

        private string Scrub(string text) => Redaction.Scrub(text, settings.Key);

        private static string Truncate(string text, int length) => text.Length <= length ? text : text.Substring(0, length) + "…";

        private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
            response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow);

        private static string InnermostMessage(Exception e)
        {
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }
            return e.Message;
        }

        /// <summary>True when the failure happened before a connection existed, so nothing was sent.</summary>
        private static bool NeverConnected(Exception e)
        {
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                        or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData or SocketError.AddressNotAvailable;
                }
            }
            return false;
        }

        internal static string Name(ApiMethod method) => method switch
        {
            ApiMethod.CreateTask => "createTask",
            ApiMethod.GetTaskResult => "getTaskResult",
            ApiMethod.GetBalance => "getBalance",
            ApiMethod.ReportIncorrectImageCaptcha => "reportIncorrectImageCaptcha",
            ApiMethod.ReportIncorrectTokenCaptcha => "reportIncorrectTokenCaptcha",
            _ => "getUserAgent",
        };

        /// <summary>The outcome of one try: an answer, or a failure with what the retry policy needs to know.</summary>
        private readonly struct Attempt
        {
            private Attempt(ApiResponse? response, CapMonsterException? error, bool requestMayHaveArrived, TimeSpan? retryAfter)
            {
                Response = response;
                Error = error;
                RequestMayHaveArrived = requestMayHaveArrived;
                RetryAfter = retryAfter;
            }

            internal ApiResponse? Response { get; }

            internal CapMonsterException? Error { get; }

            internal bool RequestMayHaveArrived { get; }

            internal TimeSpan? RetryAfter { get; }

            internal static Attempt Succeeded(ApiResponse response) => new(response, null, true, null);

            internal static Attempt Failed(CapMonsterException error, bool requestMayHaveArrived, TimeSpan? retryAfter = null) =>
                new(null, error, requestMayHaveArrived, retryAfter);
        }
    }
}
