using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using CapMonster.Localization;

namespace CapMonster.Api
{
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
    /// What an answer means, with no I/O: an API error code becomes its catalog exception whatever the HTTP status,
    /// anything unreadable the module's own, and each method's fields are read strictly (a task id is a whole
    /// number above 0, a status one the module knows). Text from the service is shown with the key scrubbed.
    /// </summary>
    internal sealed class ResponseInterpreter
    {
        private const int SnippetLength = 200;
        private const int ValueLength = 40;
        private readonly ApiKey? key;

        internal ResponseInterpreter(ApiKey? key)
        {
            this.key = key;
        }

        /// <summary>An answer to <paramref name="method"/>: the JSON to read, or the error it carries.</summary>
        internal Attempt<ApiResponse> Interpret(ApiMethod method, HttpAnswer answer, long? taskId)
        {
            int status = answer.Status;
            string text = answer.Text;
            bool success = status is >= 200 and < 300;
            JsonElement root;
            try
            {
                using JsonDocument document = JsonDocument.Parse(text);
                root = document.RootElement.Clone();
            }
            catch (JsonException) when (method == ApiMethod.GetUserAgent && success && text.Trim().Length > 0)
            {
                return Attempt<ApiResponse>.Succeeded(new ApiResponse(status, default, text)); // plain-text user agent
            }
            catch (JsonException) when (method == ApiMethod.GetTaskResult && status == 503)
            {
                return Attempt<ApiResponse>.Succeeded(new ApiResponse(status, default, text)); // still processing
            }
            catch (JsonException)
            {
                return success
                    ? Attempt<ApiResponse>.Failed(InvalidResponse(method, status, text.Trim().Length == 0 ? Strings.EmptyBody : Strings.NotJson, text, taskId), requestMayHaveArrived: true)
                    : Attempt<ApiResponse>.Failed(HttpError(method, answer, taskId), requestMayHaveArrived: true, answer.RetryAfter);
            }

            long? errorId = Json.GetInt64(root, "errorId");
            if (errorId is not null and not 0)
            {
                // The code is shown and becomes the ErrorId: a service echoing the key must not put it there.
                string code = Scrub(Json.GetString(root, "errorCode") ?? "ERROR_ID_" + errorId.Value.ToString(CultureInfo.InvariantCulture));
                if (method == ApiMethod.GetTaskResult && string.Equals(code, ErrorCatalog.NotReadyCode, StringComparison.OrdinalIgnoreCase))
                {
                    return Attempt<ApiResponse>.Succeeded(new ApiResponse(status, default, text)); // still processing
                }
                string? description = Json.GetString(root, "errorDescription");
                return Attempt<ApiResponse>.Failed(
                    CapMonsterException.FromApiError(code, description is null ? null : Scrub(description), taskId, status),
                    requestMayHaveArrived: true, answer.RetryAfter);
            }
            if (method == ApiMethod.GetTaskResult && status == 503)
            {
                return Attempt<ApiResponse>.Succeeded(new ApiResponse(status, default, text));
            }
            if (!success)
            {
                return Attempt<ApiResponse>.Failed(HttpError(method, answer, taskId), requestMayHaveArrived: true, answer.RetryAfter);
            }
            if (errorId is null && method != ApiMethod.GetUserAgent && root.ValueKind != JsonValueKind.Object)
            {
                return Attempt<ApiResponse>.Failed(InvalidResponse(method, status, Messages.MissingField("errorId"), text, taskId), requestMayHaveArrived: true);
            }
            return Attempt<ApiResponse>.Succeeded(new ApiResponse(status, root, text));
        }

        internal decimal ReadBalance(ApiResponse response) =>
            Json.GetDecimal(response.Body, "balance") ?? throw MissingField(ApiMethod.GetBalance, response, "balance", null);

        /// <summary>createTask's task id: a whole number above 0, as a number or a string of digits.</summary>
        internal long ReadTaskId(ApiResponse response)
        {
            if (!Json.TryGetProperty(response.Body, "taskId", out JsonElement value))
            {
                throw MissingField(ApiMethod.CreateTask, response, "taskId", null);
            }
            long? id = Json.GetInt64(response.Body, "taskId");
            return id > 0
                ? id.Value
                : throw InvalidResponse(ApiMethod.CreateTask, response.Status, Messages.NotATaskId(Clip(Scrub(value.GetRawText()))), response.Text, null);
        }

        /// <summary>getTaskResult's answer: processing (also 503 and CAPTCHA_NOT_READY), ready with a solution object, or failed.</summary>
        internal TaskResultResponse ReadTaskResult(ApiResponse response, long taskId)
        {
            if (response.Body.ValueKind != JsonValueKind.Object)
            {
                return new TaskResultResponse(false, null, null, response.Body); // 503 or CAPTCHA_NOT_READY
            }
            string? status = Json.GetString(response.Body, "status");
            if (status is null || string.Equals(status, "processing", StringComparison.OrdinalIgnoreCase))
            {
                return new TaskResultResponse(false, null, null, response.Body);
            }
            if (string.Equals(status, "ready", StringComparison.OrdinalIgnoreCase))
            {
                return Json.TryGetProperty(response.Body, "solution", out JsonElement solution) && solution.ValueKind == JsonValueKind.Object
                    ? new TaskResultResponse(true, solution, Json.GetDecimal(response.Body, "cost"), response.Body)
                    : throw InvalidResponse(ApiMethod.GetTaskResult, response.Status, Strings.NoSolution, response.Text, taskId);
            }
            if (string.Equals(status, "failed", StringComparison.OrdinalIgnoreCase))
            {
                string? description = Json.GetString(response.Body, "errorDescription");
                throw CapMonsterException.FromModuleError(
                    ModuleErrorId.TaskFailed, Messages.TaskFailed(taskId, description is null ? null : Scrub(description)), null, taskId, response.Status);
            }
            throw InvalidResponse(ApiMethod.GetTaskResult, response.Status, Messages.UnknownTaskStatus(Clip(Scrub(status))), response.Text, taskId);
        }

        /// <summary>reportIncorrect*'s status ("success").</summary>
        internal string ReadReportStatus(ApiMethod method, ApiResponse response, long taskId) =>
            Json.GetString(response.Body, "status") ?? throw MissingField(method, response, "status", taskId);

        /// <summary>The user agent: plain text, or a JSON string.</summary>
        internal string ReadUserAgent(ApiResponse response)
        {
            string text = (response.Body.ValueKind == JsonValueKind.String ? response.Body.GetString()! : response.Text).Trim();
            return text.Length > 0 ? text : throw InvalidResponse(ApiMethod.GetUserAgent, response.Status, Strings.EmptyBody, response.Text, null);
        }

        private CapMonsterException HttpError(ApiMethod method, HttpAnswer answer, long? taskId)
        {
            int status = answer.Status;
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
                ModuleErrorId.HttpError, Messages.HttpError(ApiMethods.Name(method), status, answer.ReasonPhrase, Snippet(answer.Text)), null, taskId, status, category, retry);
        }

        private CapMonsterException InvalidResponse(ApiMethod method, int status, string reason, string text, long? taskId) =>
            CapMonsterException.FromModuleError(ModuleErrorId.InvalidResponse, Messages.InvalidResponse(ApiMethods.Name(method), status, reason, Snippet(text)), null, taskId, status);

        private CapMonsterException MissingField(ApiMethod method, ApiResponse response, string field, long? taskId) =>
            InvalidResponse(method, response.Status, Messages.MissingField(field), response.Text, taskId);

        private string Snippet(string text)
        {
            string collapsed = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return collapsed.Length == 0 ? "\"\"" : Redaction.Shown(collapsed, SnippetLength, key);
        }

        private string Scrub(string text) => Redaction.Scrub(text, key);

        private static string Clip(string value) => value.Length <= ValueLength ? value : value.Substring(0, ValueLength) + "…";
    }
}
