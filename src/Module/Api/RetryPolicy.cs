using System;
using System.Management.Automation;

namespace CapMonster.Api
{
    /// <summary>What to do after a failed try.</summary>
    internal enum RetryDecision
    {
        /// <summary>Report the error: repeating cannot help, or the caller handles it (a poll's rate limit).</summary>
        GiveUp,

        /// <summary>Repeat the same request after a pause.</summary>
        Retry,

        /// <summary>A createTask that may have reached the service: report that a task may exist, never repeat it.</summary>
        TaskMayExist,
    }

    /// <summary>
    /// When a failed call is repeated and after how long, from the catalog: the entry's retry advice says whether
    /// repeating helps, its delay how long to wait first. A task creation is repeated only when the service said
    /// no task was made (an API code) or the request never left, so a retry never pays twice.
    /// </summary>
    internal sealed class RetryPolicy
    {
        /// <summary>The first pause for an error whose catalog entry gives no delay (an HTTP 5xx status).</summary>
        internal static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

        /// <summary>Pauses stop doubling here (or at the first pause, when that is longer).</summary>
        internal static readonly TimeSpan MaximumInterval = TimeSpan.FromSeconds(30);

        private const double Jitter = 0.25;
        private readonly Random random;

        internal RetryPolicy(int maximumRetryCount, TimeSpan? interval, Random? random = null)
        {
            MaximumRetryCount = maximumRetryCount;
            Interval = interval;
            this.random = random ?? new Random();
        }

        internal int MaximumRetryCount { get; }

        /// <summary>The first pause the caller chose (-RetryIntervalSec); null: each error's catalog delay.</summary>
        internal TimeSpan? Interval { get; }

        /// <summary>
        /// Whether repeating can help and cannot cost twice. Only SameRequest advice is repeated; refusals
        /// (ERROR_TOO_MUCH_REQUESTS, HTTP 429, ERROR_NO_SLOT_AVAILABLE) only when the caller does not adapt itself; an API code means the
        /// service answered and made nothing; the module's own transient failures are repeated unless the request
        /// was a createTask that may have arrived.
        /// </summary>
        internal static RetryDecision Decide(ApiMethod method, CapMonsterException error, bool requestMayHaveArrived, bool retryRateLimits)
        {
            if (error.Retry != RetryAdvice.SameRequest)
            {
                return RetryDecision.GiveUp;
            }
            if (IsRefusal(error))
            {
                return retryRateLimits ? RetryDecision.Retry : RetryDecision.GiveUp;
            }
            if (error.Entry?.Source == ErrorSource.Api || method != ApiMethod.CreateTask || !requestMayHaveArrived)
            {
                return RetryDecision.Retry;
            }
            return RetryDecision.TaskMayExist;
        }

        /// <summary>
        /// The service saying "not now" and nothing else, so nothing was created: the catalog's Capacity codes
        /// (ERROR_TOO_MUCH_REQUESTS, ERROR_NO_SLOT_AVAILABLE) and an HTTP 429. Repeated here unless the caller slows down itself.
        /// </summary>
        internal static bool IsRefusal(CapMonsterException error) =>
            error.Retry == RetryAdvice.SameRequest
            && (error.Entry?.Area == ErrorArea.Capacity || error.Category == ErrorCategory.LimitsExceeded);

        /// <summary>
        /// The pause before retry <paramref name="retry"/> (0 for the first): -RetryIntervalSec, else the error's
        /// catalog delay, doubling each time up to 30 s, lengthened by up to 25 % of jitter so many clients do not
        /// retry in step (never shortened: the catalog's delay is the least the service asks for). A Retry-After
        /// header wins when it asks for longer.
        /// </summary>
        internal TimeSpan Delay(int retry, CapMonsterException error, TimeSpan? retryAfter)
        {
            TimeSpan first = Interval ?? (error.Entry is { RetryDelay: var delay } && delay > TimeSpan.Zero ? delay : DefaultInterval);
            double ceiling = Math.Max(MaximumInterval.TotalSeconds, first.TotalSeconds);
            double seconds = Math.Min(first.TotalSeconds * Math.Pow(2, retry), ceiling);
            lock (random)
            {
                seconds *= 1 + (random.NextDouble() * Jitter);
            }
            if (retryAfter is { } after)
            {
                seconds = Math.Max(seconds, Math.Min(after.TotalSeconds, ceiling));
            }
            return TimeSpan.FromSeconds(seconds);
        }
    }
}
