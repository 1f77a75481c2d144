using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace CapMonster
{
    /// <summary>Whether trying again can help, and how.</summary>
    public enum RetryAdvice
    {
        /// <summary>Fix the cause first: repeating the request as is fails again or leads to a ban.</summary>
        Never,

        /// <summary>Repeat the same request after the entry's delay.</summary>
        SameRequest,

        /// <summary>Create a new task, with fresh input or another proxy where the error points to one.</summary>
        NewTask,
    }

    /// <summary>What an error is about: where the user looks to fix it.</summary>
    public enum ErrorArea
    {
        /// <summary>The API key, the balance or the caller's IP address.</summary>
        Account,

        /// <summary>The request's input: task type, fields, image.</summary>
        Input,

        /// <summary>The proxy given with the task.</summary>
        Proxy,

        /// <summary>The site or captcha provider the task is for.</summary>
        TargetSite,

        /// <summary>The service's capacity or rate limits.</summary>
        Capacity,

        /// <summary>The task's own state: not ready, unknown, unsolvable.</summary>
        Task,

        /// <summary>The network between this computer and the service: timeouts, refused connections, unreadable answers.</summary>
        Connection,
    }

    /// <summary>Who reports an error: the CapMonster API, or the module itself.</summary>
    public enum ErrorSource
    {
        /// <summary>An error code the CapMonster API returns.</summary>
        Api,

        /// <summary>A failure the module finds itself; its code is a stable PascalCase id.</summary>
        Module,
    }

    /// <summary>
    /// One entry of the error catalog: an API error code with its aliases, title, category, retry advice and
    /// text in every language the module speaks. Description and RecommendedAction read in the current UI culture.
    /// </summary>
    public sealed class ErrorInfo
    {
        private readonly CatalogWords text;

        internal ErrorInfo(
            ErrorSource source, string code, IReadOnlyList<string> aliases, ErrorCategory category, ErrorArea area,
            RetryAdvice retry, int retryDelaySeconds, CatalogWords text)
        {
            Source = source;
            Code = code;
            Aliases = aliases;
            Category = category;
            Area = area;
            Retry = retry;
            RetryDelay = TimeSpan.FromSeconds(retryDelaySeconds);
            this.text = text;
        }

        /// <summary>Whether the API or the module reports this error.</summary>
        public ErrorSource Source { get; }

        /// <summary>The API error code, e.g. ERROR_ZERO_BALANCE, or the module's own id, e.g. RequestTimeout.</summary>
        public string Code { get; }

        /// <summary>Other codes the API uses for the same error, e.g. WRONG_CAPTCHA_ID.</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>The title in the current UI culture: the one the CapMonster documentation gives, e.g. NO FUNDS, or its Russian translation, НЕТ СРЕДСТВ.</summary>
        public string Title => GetTitle(CultureInfo.CurrentUICulture);

        /// <summary>The PowerShell error category of records for this error.</summary>
        public ErrorCategory Category { get; }

        /// <summary>What the error is about.</summary>
        public ErrorArea Area { get; }

        /// <summary>Whether and how retrying helps.</summary>
        public RetryAdvice Retry { get; }

        /// <summary>How long to wait before retrying; zero when retrying does not help.</summary>
        public TimeSpan RetryDelay { get; }

        /// <summary>False only for CAPTCHA_NOT_READY, which means the task is still being solved.</summary>
        public bool IsFailure => !string.Equals(Code, ErrorCatalog.NotReadyCode, StringComparison.Ordinal);

        /// <summary>The exception type thrown for this error, for <c>catch [type]</c> blocks.</summary>
        public string ExceptionType => CapMonsterException.TypeFor(Area).FullName!;

        /// <summary>What the error means, in the current UI culture.</summary>
        public string Description => GetDescription(CultureInfo.CurrentUICulture);

        /// <summary>What to do about it, in the current UI culture.</summary>
        public string RecommendedAction => GetRecommendedAction(CultureInfo.CurrentUICulture);

        /// <summary>The title in <paramref name="culture"/>.</summary>
        public string GetTitle(CultureInfo culture) => text.Title(Code, culture);

        /// <summary>What the error means, in <paramref name="culture"/>.</summary>
        public string GetDescription(CultureInfo culture) => text.Description(Code, culture);

        /// <summary>What to do about it, in <paramref name="culture"/>.</summary>
        public string GetRecommendedAction(CultureInfo culture) => text.Action(Code, culture);

        /// <inheritdoc />
        public override string ToString() => Code;
    }
}
