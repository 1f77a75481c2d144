using System;
using System.Globalization;
using System.Management.Automation;
using CapMonster.Localization;

namespace CapMonster
{
    /// <summary>
    /// An error from the CapMonster API or from the module itself. API errors carry the server's code (as sent),
    /// the server's description and the catalog entry; the subclasses say what the error is about, so scripts can
    /// write <c>catch [CapMonster.CapMonsterAccountException]</c>.
    /// </summary>
    public class CapMonsterException : Exception
    {
        internal CapMonsterException(in ErrorParts parts)
            : base(parts.Message, parts.InnerException)
        {
            ErrorCode = parts.Code;
            ServerDescription = parts.ServerDescription;
            Entry = parts.Entry;
            TaskId = parts.TaskId;
            HttpStatus = parts.HttpStatus;
            Category = parts.Category;
            Retry = parts.Retry;
            RecommendedAction = parts.RecommendedAction;
        }

        /// <summary>The API's error code exactly as the server sent it, or the module's own id for its own failures.</summary>
        public string ErrorCode { get; }

        /// <summary>The ErrorId of the ErrorRecord: the same as <see cref="ErrorCode"/>.</summary>
        public string ErrorId => ErrorCode;

        /// <summary>The server's errorDescription, verbatim; null for the module's own failures.</summary>
        public string? ServerDescription { get; }

        /// <summary>The catalog entry; null only for API codes the catalog does not know.</summary>
        public ErrorInfo? Entry { get; }

        /// <summary>The task concerned, where there is one.</summary>
        public long? TaskId { get; }

        /// <summary>The HTTP status of the response that carried the error, where there was one.</summary>
        public int? HttpStatus { get; }

        /// <summary>The PowerShell error category.</summary>
        public ErrorCategory Category { get; }

        /// <summary>Whether and how retrying helps.</summary>
        public RetryAdvice Retry { get; }

        /// <summary>What to do about it, in the UI culture of the moment the error happened.</summary>
        public string RecommendedAction { get; }

        /// <summary>
        /// The exception for an API error code: the subclass of the catalog entry's area, or this base class with
        /// category NotSpecified for a code the catalog does not know (kept verbatim, never collapsed).
        /// </summary>
        public static CapMonsterException FromApiError(string errorCode, string? serverDescription, long? taskId = null, int? httpStatus = null)
        {
            ErrorInfo? entry = ErrorCatalog.Default.Find(errorCode);
            if (entry?.Source != ErrorSource.Api)
            {
                entry = null;
            }
            return Create(new ErrorParts(
                errorCode, ApiMessage(errorCode, serverDescription, entry), entry, serverDescription, taskId, httpStatus,
                entry?.Category ?? ErrorCategory.NotSpecified, entry?.Retry ?? RetryAdvice.Never,
                entry?.RecommendedAction ?? ErrorCatalog.Default.GenericAction, innerException: null));
        }

        /// <summary>
        /// An API error the module detects before sending (an image too small, a proxy incomplete...): the catalog's
        /// code and advice, with a message that says what was wrong this time. Nothing was sent or paid.
        /// </summary>
        internal static CapMonsterException FromLocalCheck(string errorCode, string detail, long? taskId = null)
        {
            ErrorInfo entry = ErrorCatalog.Default.Find(errorCode) ?? throw new ArgumentException("Not a catalog code: " + errorCode, nameof(errorCode));
            return Create(new ErrorParts(
                errorCode, entry.Description + " " + detail, entry, serverDescription: null, taskId, httpStatus: null,
                entry.Category, entry.Retry, entry.RecommendedAction, innerException: null));
        }

        /// <summary>
        /// One of the module's own failures (its id is in the catalog's moduleErrors) with a message that says what
        /// happened this time; category and retry advice default to the catalog's.
        /// </summary>
        internal static CapMonsterException FromModuleError(
            ModuleErrorId id, string message, Exception? innerException = null, long? taskId = null, int? httpStatus = null,
            ErrorCategory? category = null, RetryAdvice? retry = null)
        {
            ErrorInfo entry = ErrorCatalog.Default.Module(id);
            return Create(new ErrorParts(
                entry.Code, message, entry, serverDescription: null, taskId, httpStatus,
                category ?? entry.Category, retry ?? entry.Retry, entry.RecommendedAction, innerException));
        }

        /// <summary>The same error with a message (and advice) that say more about where it happened, e.g. which task a wait gave up.</summary>
        internal CapMonsterException Reworded(string message, string? recommendedAction = null) => Create(new ErrorParts(
            ErrorCode, message, Entry, ServerDescription, TaskId, HttpStatus, Category, Retry, recommendedAction ?? RecommendedAction, InnerException));

        /// <summary>The exception type thrown for errors of <paramref name="area"/>.</summary>
        internal static Type TypeFor(ErrorArea area) => area switch
        {
            ErrorArea.Account => typeof(CapMonsterAccountException),
            ErrorArea.Input => typeof(CapMonsterInputException),
            ErrorArea.Proxy => typeof(CapMonsterProxyException),
            ErrorArea.TargetSite => typeof(CapMonsterTargetSiteException),
            ErrorArea.Capacity => typeof(CapMonsterCapacityException),
            ErrorArea.Task => typeof(CapMonsterTaskException),
            ErrorArea.Connection => typeof(CapMonsterConnectionException),
            _ => typeof(CapMonsterException),
        };

        private static CapMonsterException Create(in ErrorParts parts) => parts.Entry?.Area switch
        {
            ErrorArea.Account => new CapMonsterAccountException(parts),
            ErrorArea.Input => new CapMonsterInputException(parts),
            ErrorArea.Proxy => new CapMonsterProxyException(parts),
            ErrorArea.TargetSite => new CapMonsterTargetSiteException(parts),
            ErrorArea.Capacity => new CapMonsterCapacityException(parts),
            ErrorArea.Task => new CapMonsterTaskException(parts),
            ErrorArea.Connection => new CapMonsterConnectionException(parts),
            _ => new CapMonsterException(parts),
        };

        private static string ApiMessage(string errorCode, string? serverDescription, ErrorInfo? entry)
        {
            if (entry is null)
            {
                // An unknown code: the server's own words are all there is.
                return string.IsNullOrWhiteSpace(serverDescription)
                    ? Messages.ServiceReturnedError(errorCode)
                    : $"{errorCode}: {serverDescription}";
            }
            string english = entry.GetDescription(CultureInfo.InvariantCulture);
            bool serverSaysMore = !string.IsNullOrWhiteSpace(serverDescription)
                && !string.Equals(serverDescription!.Trim().TrimEnd('.'), english.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
            return serverSaysMore
                ? Messages.CatalogDescriptionServerSaid(entry.Description, serverDescription!.Trim())
                : entry.Description;
        }
    }

    /// <summary>Everything an exception carries, gathered by the factories.</summary>
    internal readonly struct ErrorParts
    {
        internal ErrorParts(
            string code, string message, ErrorInfo? entry, string? serverDescription, long? taskId, int? httpStatus,
            ErrorCategory category, RetryAdvice retry, string recommendedAction, Exception? innerException)
        {
            Code = code;
            Message = message;
            Entry = entry;
            ServerDescription = serverDescription;
            TaskId = taskId;
            HttpStatus = httpStatus;
            Category = category;
            Retry = retry;
            RecommendedAction = recommendedAction;
            InnerException = innerException;
        }

        internal string Code { get; }
        internal string Message { get; }
        internal ErrorInfo? Entry { get; }
        internal string? ServerDescription { get; }
        internal long? TaskId { get; }
        internal int? HttpStatus { get; }
        internal ErrorCategory Category { get; }
        internal RetryAdvice Retry { get; }
        internal string RecommendedAction { get; }
        internal Exception? InnerException { get; }
    }

    /// <summary>An error about the API key, the balance or the caller's IP address.</summary>
    public sealed class CapMonsterAccountException : CapMonsterException
    {
        internal CapMonsterAccountException(in ErrorParts parts) : base(parts) { }
    }

    /// <summary>An error in the request's input: the task type, its fields, the image.</summary>
    public sealed class CapMonsterInputException : CapMonsterException
    {
        internal CapMonsterInputException(in ErrorParts parts) : base(parts) { }
    }

    /// <summary>An error with the proxy given for the task.</summary>
    public sealed class CapMonsterProxyException : CapMonsterException
    {
        internal CapMonsterProxyException(in ErrorParts parts) : base(parts) { }
    }

    /// <summary>An error caused by the target site or its captcha provider.</summary>
    public sealed class CapMonsterTargetSiteException : CapMonsterException
    {
        internal CapMonsterTargetSiteException(in ErrorParts parts) : base(parts) { }
    }

    /// <summary>The service has no capacity now or limits the caller's request rate.</summary>
    public sealed class CapMonsterCapacityException : CapMonsterException
    {
        internal CapMonsterCapacityException(in ErrorParts parts) : base(parts) { }
    }

    /// <summary>An error in the task's own state: unknown or expired id, unsolvable captcha, no answer in time.</summary>
    public sealed class CapMonsterTaskException : CapMonsterException
    {
        internal CapMonsterTaskException(in ErrorParts parts) : base(parts) { }
    }

    /// <summary>The network between this computer and the service failed: a timeout, a broken connection, an unreadable answer.</summary>
    public sealed class CapMonsterConnectionException : CapMonsterException
    {
        internal CapMonsterConnectionException(in ErrorParts parts) : base(parts) { }
    }
}
