using System;
using System.Globalization;

namespace CapMonster.Localization
{
    /// <summary>
    /// The module's messages that take arguments, checked at compile time: each formats its text from the resources
    /// (Strings.resx, English, and a satellite per language, such as Strings.ru.resx) in the current culture. Messages
    /// without arguments are read from <see cref="Strings"/> directly; the catalog's words are in Errors/ErrorCatalog*.json.
    /// </summary>
    internal static class Messages
    {
        internal static string UnknownErrorCode(string code, string? serverDescription) => string.IsNullOrWhiteSpace(serverDescription)
            ? Format(Strings.UnknownErrorCode, code)
            : Format(Strings.UnknownErrorCodeServerSaid, code, serverDescription);

        internal static string TaskFailed(long taskId, string? serverDescription) => string.IsNullOrWhiteSpace(serverDescription)
            ? Format(Strings.TaskFailed, taskId)
            : Format(Strings.TaskFailedServerSaid, taskId, serverDescription);

        internal static string SecretNotFound(string name, string? vault, string reason) => vault is null
            ? Format(Strings.SecretNotFound, name, reason)
            : Format(Strings.SecretNotFoundInVault, name, vault, reason);

        internal static string ProxyIncomplete(bool loginRequired) => loginRequired ? Strings.ProxyIncompleteWithLogin : Strings.ProxyIncomplete;

        internal static string PathIsDirectory(string path) => Format(Strings.PathIsDirectory, path, System.IO.Path.Combine(path, "*.png"));

        internal static string UnknownTaskFields(string type, string names) =>
            Format(names.Contains(",") ? Strings.UnknownTaskFields : Strings.UnknownTaskField, type, names);

        /// <summary>The -Proxy text is shown with its login and password masked.</summary>
        internal static string BadProxyUri(string text) => Format(Strings.BadProxyUri, Api.Redaction.HideUserInfo(text));

        internal static string ServiceReturnedError(string errorCode) => Format(Strings.ServiceReturnedError, errorCode);

        internal static string CatalogDescriptionServerSaid(string description, string serverDescription) =>
            Format(Strings.CatalogDescriptionServerSaid, description, serverDescription);

        internal static string NotCapMonsterError(string exceptionType) => Format(Strings.NotCapMonsterError, exceptionType);

        internal static string RequestTimedOut(string method, Uri uri, double seconds) => Format(Strings.RequestTimedOut, method, uri, seconds);
        internal static string ProxyRequestTimedOut(string method, Uri uri, Uri proxy, double seconds) => Format(Strings.ProxyRequestTimedOut, method, uri, proxy, seconds);

        internal static string ConnectionFailed(string method, Uri uri, string detail) => Format(Strings.ConnectionFailed, method, uri, detail);

        internal static string ProxyConnectionFailed(string method, Uri uri, Uri proxy, string detail) => Format(Strings.ProxyConnectionFailed, method, uri, proxy, detail);

        internal static string UnsafeRedirect(string method, Uri uri, int status, string target) => Format(Strings.UnsafeRedirect, method, uri, status, target);

        internal static string TaskCreationUncertain(string cause) => Format(Strings.TaskCreationUncertain, cause);

        internal static string AnswerTooLarge(int megabytes) => Format(Strings.AnswerTooLarge, megabytes);

        internal static string NotATaskId(string value) => Format(Strings.NotATaskId, value);

        internal static string UnknownTaskStatus(string status) => Format(Strings.UnknownTaskStatus, status);

        internal static string NotAWebProxy(string text) => Format(Strings.NotAWebProxy, text);

        internal static string WebProxyUserInfo(string text) => Format(Strings.WebProxyUserInfo, text);

        internal static string InvalidResponse(string method, int status, string reason, string snippet) => Format(Strings.InvalidResponse, method, status, reason, snippet);

        internal static string MissingField(string field) => Format(Strings.MissingField, field);

        internal static string HttpError(string method, int status, string reason, string snippet) => Format(Strings.HttpError, method, status, reason, snippet);

        internal static string Retrying(string method, double seconds, int retry, int maximumRetryCount, string reason) => Format(Strings.Retrying, method, seconds, retry, maximumRetryCount, reason);

        internal static string RequestBody(string method, string body) => Format(Strings.RequestBody, method, body);

        internal static string ResponseBody(string method, string body) => Format(Strings.ResponseBody, method, body);

        internal static string InsecureServiceUri(string uri) => Format(Strings.InsecureServiceUri, uri);

        internal static string BalanceBelowMinimum(decimal balance, decimal minimum) => Format(Strings.BalanceBelowMinimum, balance, minimum);

        internal static string ReportKindUnknown(long taskId) => Format(Strings.ReportKindUnknown, taskId);

        internal static string ReportAction(string kind) => Format(Strings.ReportAction, kind);

        internal static string ConnectTarget(Uri uri) => Format(Strings.ConnectTarget, uri);

        internal static string KeyValidated(decimal balance) => Format(Strings.KeyValidated, balance);

        internal static string SecretNotUsable(string name, string type) => Format(Strings.SecretNotUsable, name, type);

        internal static string UnknownTaskType(string type, string known) => Format(Strings.UnknownTaskType, type, known);

        internal static string OtherVariantField(string name, string type, string variant) => Format(Strings.OtherVariantField, name, type, variant);

        internal static string DeprecatedTaskType(string type) => Format(Strings.DeprecatedTaskType, type);

        internal static string KeysNotSent(string type, string names) => Format(Strings.KeysNotSent, type, names);

        internal static string ImageNotTaken(string type, string imageTypes) => Format(Strings.ImageNotTaken, type, imageTypes);

        internal static string DeprecatedTaskTypeListItem(string type) => Format(Strings.DeprecatedTaskTypeListItem, type);

        internal static string UnsupportedTaskInput(string typeName) => Format(Strings.UnsupportedTaskInput, typeName);

        internal static string BadTaskValue(string name, string value, string reason) => Format(Strings.BadTaskValue, name, value, reason);

        internal static string NoFileMatches(string path) => Format(Strings.NoFileMatches, path);

        internal static string MissingTaskField(string type, string field) => Format(Strings.MissingTaskField, type, field);

        internal static string BadWebsiteUrl(string url) => Format(Strings.BadWebsiteUrl, url);

        internal static string ImageSize(long bytes) => Format(Strings.ImageSize, bytes);

        internal static string ProxyRequired(string type) => Format(Strings.ProxyRequired, type);

        internal static string ProxyNotTaken(string type) => Format(Strings.ProxyNotTaken, type);

        internal static string ProxyAddress(string address) => Format(Strings.ProxyAddress, address);

        internal static string ImageFileNotFound(string path) => Format(Strings.ImageFileNotFound, path);

        internal static string TaskTimedOut(long taskId, string type, double seconds) => Format(Strings.TaskTimedOut, taskId, type, seconds);

        internal static string PollLimitReached(long taskId, string type, int polls) => Format(Strings.PollLimitReached, taskId, type, polls);

        internal static string CreateTaskAction(string json) => Format(Strings.CreateTaskAction, json);

        internal static string WaitStatus(int done, int total, int failed) => Format(Strings.WaitStatus, done, total, failed);

        internal static string StillFetchable(long taskId) => Format(Strings.StillFetchable, taskId);

        internal static string PollsRefused(long taskId, string type, int refusals, string detail) => Format(Strings.PollsRefused, taskId, type, refusals, detail);

        internal static string TaskGone(long taskId, string type, string detail) => Format(Strings.TaskGone, taskId, type, detail);

        internal static string UnexpectedInWait(long taskId, string exceptionType, string detail) => Format(Strings.UnexpectedInWait, taskId, exceptionType, detail);

        internal static string LastPollFailed(int failures, string detail) => Format(Strings.LastPollFailed, failures, detail);

        internal static string ValueNotWritable(string path, string reason) => Format(Strings.ValueNotWritable, path, reason);

        internal static string ValueNotFinite(string value) => Format(Strings.ValueNotFinite, value);

        internal static string ValueTooDeep(int depth) => Format(Strings.ValueTooDeep, depth);

        internal static string ValueUnreadable(string detail) => Format(Strings.ValueUnreadable, detail);

        internal static string UnfinishedTasks(int count, string ids, string details) => Format(Strings.UnfinishedTasks, count, ids, details);

        internal static string UnfinishedCreations(int count, string inputs) => Format(Strings.UnfinishedCreations, count, inputs);

        internal static string CreationRefused(string code, int window) => Format(Strings.CreationRefused, code, window);

        internal static string CreatedBeforeStop(int count, string ids, string details) => Format(Strings.CreatedBeforeStop, count, ids, details);

        // Not sentences: the same in every language.
        internal static string CallSummary(string verb, Uri uri, int status, long milliseconds) =>
            $"{verb} {uri} -> HTTP {status} ({milliseconds} ms)";

        internal static string TaskOfInput(long taskId, string input) => $"{taskId} ({input})";

        private static string Format(string format, params object?[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
    }
}
