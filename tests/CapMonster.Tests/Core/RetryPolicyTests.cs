using System;
using System.Management.Automation;
using CapMonster.Api;

namespace CapMonster.Tests.Core
{
    /// <summary>The retry policy alone: decisions and pauses from the catalog, no HTTP.</summary>
    public class RetryPolicyTests
    {
        private static CapMonsterException Api(string code) => CapMonsterException.FromApiError(code, null);

        private static CapMonsterException Module(ModuleErrorId id, ErrorCategory? category = null, RetryAdvice? retry = null) =>
            CapMonsterException.FromModuleError(id, "test", category: category, retry: retry);

        private static CapMonsterException Http(int status) => Module(
            ModuleErrorId.HttpError, status == 429 ? ErrorCategory.LimitsExceeded : ErrorCategory.ResourceUnavailable,
            status == 429 || status >= 500 ? RetryAdvice.SameRequest : RetryAdvice.Never);

        public static readonly TheoryData<string, string, bool, bool, string> Cases = new()
        {
            // The service answered with a code, so nothing was created: capacity is retried even for createTask.
            { "ERROR_NO_SLOT_AVAILABLE", "CreateTask", true, true, "Retry" },
            { "ERROR_TOO_MUCH_REQUESTS", "CreateTask", true, true, "Retry" },
            // A waiter slows a task down itself.
            { "ERROR_TOO_MUCH_REQUESTS", "GetTaskResult", true, false, "GiveUp" },
            { "HTTP 429", "GetTaskResult", true, false, "GiveUp" },
            { "HTTP 429", "CreateTask", true, true, "Retry" },
            // What repeating cannot fix, and codes the catalog does not know.
            { "ERROR_KEY_DOES_NOT_EXIST", "GetBalance", true, true, "GiveUp" },
            { "ERROR_CAPTCHA_UNSOLVABLE", "GetTaskResult", true, true, "GiveUp" },
            { "ERROR_FROM_THE_FUTURE", "GetBalance", true, true, "GiveUp" },
            { "HTTP 404", "GetBalance", true, true, "GiveUp" },
            { "UnsafeRedirect", "GetBalance", true, true, "GiveUp" },
            // Transient faults: repeated when they cannot have created a task.
            { "RequestTimeout", "GetBalance", true, true, "Retry" },
            { "HTTP 502", "ReportIncorrectImageCaptcha", true, true, "Retry" },
            { "ConnectionFailed", "CreateTask", false, true, "Retry" },
            { "ConnectionFailed", "CreateTask", true, true, "TaskMayExist" },
            { "RequestTimeout", "CreateTask", true, true, "TaskMayExist" },
            { "InvalidResponse", "CreateTask", true, true, "TaskMayExist" },
            { "HTTP 503", "CreateTask", true, true, "TaskMayExist" },
        };

        private static CapMonsterException Error(string name) => name switch
        {
            "HTTP 429" => Http(429),
            "HTTP 404" => Http(404),
            "HTTP 502" => Http(502),
            "HTTP 503" => Http(503),
            _ when Enum.TryParse(name, out ModuleErrorId id) => Module(id),
            _ => Api(name),
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Decides_from_the_catalogs_advice_and_whether_a_task_may_exist(string error, string method, bool mayHaveArrived, bool retryRateLimits, string expected)
        {
            Assert.Equal(
                Enum.Parse<RetryDecision>(expected),
                RetryPolicy.Decide(Enum.Parse<ApiMethod>(method), Error(error), mayHaveArrived, retryRateLimits));
        }

        [Fact]
        public void Waits_at_least_the_catalogs_delay_for_every_code_it_retries()
        {
            var policy = new RetryPolicy(3, null, new Random(7));
            foreach (ErrorInfo entry in ErrorCatalog.Default.Entries)
            {
                if (entry.Retry == RetryAdvice.SameRequest)
                {
                    Assert.InRange(policy.Delay(0, Api(entry.Code), null), entry.RetryDelay, entry.RetryDelay * 1.25);
                }
            }
        }

        [Theory]
        [InlineData("ERROR_NO_SLOT_AVAILABLE", null, new double[] { 10, 20, 30, 30 })]
        [InlineData("RequestTimeout", null, new double[] { 2, 4, 8, 16 })]
        [InlineData("HTTP 502", null, new double[] { 1, 2, 4, 8 })]
        [InlineData("ERROR_NO_SLOT_AVAILABLE", 3, new double[] { 3, 6, 12, 24 })]
        [InlineData("RequestTimeout", 60, new double[] { 60, 60, 60, 60 })]
        public void Doubles_from_the_first_pause_up_to_a_ceiling_with_jitter_that_only_lengthens(string error, int? intervalSeconds, double[] expected)
        {
            var policy = new RetryPolicy(4, intervalSeconds is null ? null : TimeSpan.FromSeconds(intervalSeconds.Value), new Random(3));
            for (int retry = 0; retry < expected.Length; retry++)
            {
                Assert.InRange(policy.Delay(retry, Error(error), null).TotalSeconds, expected[retry], expected[retry] * 1.25);
            }
        }

        [Fact]
        public void Waits_as_long_as_retry_after_asks_up_to_the_ceiling()
        {
            var policy = new RetryPolicy(3, null, new Random(3));
            Assert.Equal(TimeSpan.FromSeconds(7), policy.Delay(0, Http(429), TimeSpan.FromSeconds(7)));
            Assert.Equal(RetryPolicy.MaximumInterval, policy.Delay(0, Http(429), TimeSpan.FromHours(1)));
        }
    }
}
