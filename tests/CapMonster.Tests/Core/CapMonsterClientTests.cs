using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using CapMonster.Api;

namespace CapMonster.Tests.Core
{

    public sealed class CapMonsterClientTests : IDisposable
    {
        private const string Key = "0123456789abcdef0123456789abcdef";
        private readonly ScriptedHandler handler = new();
        private readonly FakeClock clock = new();
        private readonly RecordingEvents events = new();

        private CapMonsterClient Client(int maximumRetryCount = 3, double timeoutSeconds = 30, string key = Key) => new(
            new ConnectionSettings(ApiKey.FromPlainText(key), new Uri("https://api.example.test/"), TimeSpan.FromSeconds(timeoutSeconds), maximumRetryCount, WebProxySettings.System),
            events, new HttpClient(handler), clock, new Random(1));

        public void Dispose() => handler.Dispose();

        private static void WriteImageTask(System.Text.Json.Utf8JsonWriter w)
        {
            w.WriteString("type", "ImageToTextTask");
            w.WriteString("body", "aGVsbG8=");
        }

        [Fact]
        public async Task Reads_the_balance_as_a_decimal()
        {
            handler.Respond(200, """{"errorId":0,"balance":345.678}""", "text/plain");
            Assert.Equal(345.678m, await Client().GetBalanceAsync(CancellationToken.None));
            Assert.Equal("https://api.example.test/getBalance", handler.Requests.Single().Uri.ToString());
            Assert.Equal($$"""{"clientKey":"{{Key}}"}""", handler.Requests.Single().Body);
        }

        [Theory]
        [InlineData(200)]
        [InlineData(402)]
        [InlineData(403)]
        [InlineData(500)]
        public async Task Keeps_the_error_code_whatever_the_http_status(int status)
        {
            handler.Respond(status, """{"errorId":1,"errorCode":"ERROR_ZERO_BALANCE","errorDescription":"Account has zero balance","taskId":0}""");
            var error = await Assert.ThrowsAsync<CapMonsterAccountException>(() => Client().GetBalanceAsync(CancellationToken.None));
            Assert.Equal("ERROR_ZERO_BALANCE", error.ErrorCode);
            Assert.Equal(ErrorCategory.QuotaExceeded, error.Category);
            Assert.Equal(status, error.HttpStatus);
            Assert.Equal("Account has zero balance", error.ServerDescription);
            Assert.Single(handler.Requests); // a zero balance is never retried
        }

        [Fact]
        public async Task Passes_an_unknown_code_through_with_its_description()
        {
            handler.Respond(200, """{"errorId":1,"errorCode":"ERROR_SOMETHING_NEW","errorDescription":"A new kind of failure"}""");
            var error = await Assert.ThrowsAsync<CapMonsterException>(() => Client().GetBalanceAsync(CancellationToken.None));
            Assert.Equal("ERROR_SOMETHING_NEW", error.ErrorCode);
            Assert.Equal(ErrorCategory.NotSpecified, error.Category);
            Assert.Contains("A new kind of failure", error.Message, StringComparison.Ordinal);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Turns_an_html_gateway_page_into_an_http_error_and_retries_a_read_only_call()
        {
            for (int i = 0; i < 3; i++)
            {
                handler.Respond(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");
            }
            var error = await Assert.ThrowsAsync<CapMonsterConnectionException>(() => Client(maximumRetryCount: 2).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("HttpError", error.ErrorCode);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.Category);
            Assert.Equal(502, error.HttpStatus);
            Assert.Contains("502 Bad Gateway", error.Message, StringComparison.Ordinal);
            Assert.Equal(3, handler.Requests.Count);
            Assert.Equal(2, events.Warnings.Count);
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("""{"errorId":0,"bala""", "not JSON")]
        [InlineData("<html>oops</html>", "not JSON")]
        public async Task Reports_an_unreadable_answer_as_invalid_result(string body, string reason)
        {
            handler.Respond(200, body);
            var error = await Assert.ThrowsAsync<CapMonsterConnectionException>(() => Client(maximumRetryCount: 0).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("InvalidResponse", error.ErrorCode);
            Assert.Equal(ErrorCategory.InvalidResult, error.Category);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Reports_a_missing_field_as_invalid_result()
        {
            handler.Respond(200, """{"errorId":0}""");
            var error = await Assert.ThrowsAsync<CapMonsterConnectionException>(() => Client().GetBalanceAsync(CancellationToken.None));
            Assert.Equal("InvalidResponse", error.ErrorCode);
            Assert.Contains("balance", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Times_out_as_an_operation_timeout_not_a_cancellation()
        {
            handler.Hang();
            var error = await Assert.ThrowsAsync<CapMonsterConnectionException>(() => Client(maximumRetryCount: 0, timeoutSeconds: 0.05).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("RequestTimeout", error.ErrorCode);
            Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
        }

        [Fact]
        public async Task Lets_the_callers_cancellation_through_as_a_cancellation()
        {
            handler.Hang();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().GetBalanceAsync(cancel.Token));
        }

        [Fact]
        public async Task Retries_a_timed_out_read_only_call()
        {
            handler.Hang().Respond(200, """{"errorId":0,"balance":1}""");
            Assert.Equal(1m, await Client(timeoutSeconds: 0.05).GetBalanceAsync(CancellationToken.None));
            Assert.Equal(2, handler.Requests.Count);
            Assert.Single(events.Warnings);
        }

        [Fact]
        public async Task Never_repeats_a_task_creation_that_timed_out()
        {
            handler.Hang();
            var error = await Assert.ThrowsAsync<CapMonsterConnectionException>(() => Client(timeoutSeconds: 0.05).CreateTaskAsync(WriteImageTask, null, null, CancellationToken.None));
            HttpTransportTests.AssertTaskMayExist(error, "RequestTimeout");
            Assert.Equal(ErrorCategory.OperationTimeout, error.Category);
            Assert.Single(handler.Requests);
        }

        [Theory]
        [InlineData(502)]
        [InlineData(503)]
        public async Task Never_repeats_a_task_creation_after_a_gateway_error(int status)
        {
            handler.Respond(status, "Bad gateway", "text/plain");
            var error = await Assert.ThrowsAsync<CapMonsterConnectionException>(() => Client().CreateTaskAsync(WriteImageTask, null, null, CancellationToken.None));
            HttpTransportTests.AssertTaskMayExist(error, "HttpError");
            Assert.Equal(status, error.HttpStatus);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Never_repeats_a_task_creation_whose_connection_broke_midway()
        {
            handler.Fail(new HttpRequestException("The response ended prematurely.", new System.IO.IOException("reset")));
            var error = await Assert.ThrowsAsync<CapMonsterConnectionException>(() => Client().CreateTaskAsync(WriteImageTask, null, null, CancellationToken.None));
            HttpTransportTests.AssertTaskMayExist(error, "ConnectionFailed");
            Assert.Equal(ErrorCategory.ConnectionError, error.Category);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Repeats_a_task_creation_that_never_connected()
        {
            handler.Fail(new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)))
                .Respond(200, """{"errorId":0,"taskId":3000000001}""");
            Assert.Equal(3_000_000_001L, await Client().CreateTaskAsync(WriteImageTask, null, null, CancellationToken.None));
            Assert.Equal(2, handler.Requests.Count);
        }

        [Fact]
        public async Task Repeats_a_task_creation_refused_for_lack_of_capacity()
        {
            handler.Respond(200, """{"errorId":1,"errorCode":"ERROR_NO_SLOT_AVAILABLE","errorDescription":"No free servers"}""")
                .Respond(200, """{"errorId":0,"taskId":42}""");
            Assert.Equal(42L, await Client().CreateTaskAsync(WriteImageTask, "https://example.test/callback", 7, CancellationToken.None));
            Assert.Equal(2, handler.Requests.Count);
            Assert.Equal(
                $$"""{"clientKey":"{{Key}}","task":{"type":"ImageToTextTask","body":"aGVsbG8="},"callbackUrl":"https://example.test/callback","softId":7}""",
                handler.Requests[1].Body);
            Assert.Contains("ERROR_NO_SLOT_AVAILABLE", events.Warnings.Single(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task Gives_up_after_max_retries_with_the_last_error()
        {
            for (int i = 0; i < 4; i++)
            {
                handler.Respond(429, """{"errorId":1,"errorCode":"ERROR_TOO_MUCH_REQUESTS","errorDescription":"slow down"}""");
            }
            var error = await Assert.ThrowsAsync<CapMonsterCapacityException>(() => Client(maximumRetryCount: 3).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("ERROR_TOO_MUCH_REQUESTS", error.ErrorCode);
            Assert.Equal(4, handler.Requests.Count);
            Assert.Equal(3, clock.Delays.Count);
            // The catalog's 10 s for ERROR_TOO_MUCH_REQUESTS, doubling up to 30 s, lengthened by up to 25 % of jitter.
            double[] expected = [10, 20, 30];
            for (int i = 0; i < 3; i++)
            {
                Assert.InRange(clock.Delays[i].TotalSeconds, expected[i], expected[i] * 1.25);
            }
        }

        [Fact]
        public async Task Waits_as_long_as_retry_after_asks()
        {
            handler.Respond(() =>
            {
                var response = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("Too many requests") };
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
                return response;
            }).Respond(200, """{"errorId":0,"balance":2}""");
            Assert.Equal(2m, await Client().GetBalanceAsync(CancellationToken.None));
            Assert.Equal(TimeSpan.FromSeconds(7), clock.Delays.Single());
        }

        [Fact]
        public async Task Lets_the_waiter_handle_poll_rate_limits_itself()
        {
            handler.Respond(200, """{"errorId":1,"errorCode":"ERROR_TOO_MUCH_REQUESTS"}""");
            await Assert.ThrowsAsync<CapMonsterCapacityException>(() => Client().GetTaskResultAsync(5, retryRateLimits: false, CancellationToken.None));
            Assert.Single(handler.Requests);
        }

        [Theory]
        [InlineData(200, """{"errorId":0,"status":"processing"}""")]
        [InlineData(200, """{"errorId":1,"errorCode":"CAPTCHA_NOT_READY","errorDescription":"not ready"}""")]
        [InlineData(503, "Service temporarily unavailable")]
        [InlineData(503, """{"status":"processing"}""")]
        public async Task Treats_not_ready_and_503_as_processing(int status, string body)
        {
            handler.Respond(status, body, "text/plain");
            TaskResultResponse result = await Client().GetTaskResultAsync(5, retryRateLimits: false, CancellationToken.None);
            Assert.False(result.IsReady);
            Assert.Equal("""{"clientKey":"0123456789abcdef0123456789abcdef","taskId":5}""", handler.Requests.Single().Body);
        }

        [Fact]
        public async Task Returns_a_ready_solution_with_its_cost()
        {
            handler.Respond(200, """{"errorId":0,"status":"ready","solution":{"text":"answer"},"cost":0.0003}""");
            TaskResultResponse result = await Client().GetTaskResultAsync(5, retryRateLimits: false, CancellationToken.None);
            Assert.True(result.IsReady);
            Assert.Equal("answer", result.Solution!.Value.GetProperty("text").GetString());
            Assert.Equal(0.0003m, result.Cost);
        }

        [Fact]
        public async Task Carries_the_task_id_on_task_errors()
        {
            handler.Respond(200, """{"errorId":1,"errorCode":"ERROR_CAPTCHA_UNSOLVABLE"}""");
            var error = await Assert.ThrowsAsync<CapMonsterTaskException>(() => Client().GetTaskResultAsync(3_000_000_007, false, CancellationToken.None));
            Assert.Equal(3_000_000_007L, error.TaskId);
        }

        [Theory]
        [InlineData(true, "reportIncorrectImageCaptcha")]
        [InlineData(false, "reportIncorrectTokenCaptcha")]
        public async Task Reports_wrong_answers_to_the_method_of_their_kind(bool image, string method)
        {
            handler.Respond(200, """{"errorId":0,"status":"success"}""");
            Assert.Equal("success", await Client().ReportIncorrectAsync(image, 9, CancellationToken.None));
            Assert.EndsWith(method, handler.Requests.Single().Uri.AbsolutePath, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Mozilla/5.0 (Windows NT 10.0) Chrome/142\n", "text/plain")]
        [InlineData("\"Mozilla/5.0 (Windows NT 10.0) Chrome/142\"", "application/json")]
        public async Task Reads_the_user_agent_as_text_or_a_json_string(string body, string contentType)
        {
            handler.Respond(200, body, contentType);
            Assert.Equal("Mozilla/5.0 (Windows NT 10.0) Chrome/142", await Client().GetUserAgentAsync(CancellationToken.None));
            (string method, Uri uri, string sent) = handler.Requests.Single();
            Assert.Equal(("GET", "https://api.example.test/api/useragent/actual", string.Empty), (method, uri.ToString(), sent));
        }

        [Theory]
        [InlineData("""{"errorId":0,"taskId":1e3}""", "1e3")]
        [InlineData("""{"errorId":0,"taskId":"abc"}""", "\"abc\"")]
        [InlineData("""{"errorId":0,"taskId":9223372036854775808}""", "9223372036854775808")]
        [InlineData("""{"errorId":0,"taskId":0}""", "0")]
        [InlineData("""{"errorId":0,"taskId":-5}""", "-5")]
        [InlineData("""{"errorId":0}""", "taskId")]
        [InlineData("""{"errorId":0,"tas""", "not JSON")]
        public async Task A_task_creation_answered_without_a_usable_task_id_may_have_made_a_task(string body, string named)
        {
            handler.Respond(200, body);
            var error = await Assert.ThrowsAsync<CapMonsterConnectionException>(() => Client().CreateTaskAsync(WriteImageTask, null, null, CancellationToken.None));
            HttpTransportTests.AssertTaskMayExist(error, "InvalidResponse");
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Waits_the_retry_interval_the_caller_chose_doubling_after()
        {
            for (int i = 0; i < 3; i++)
            {
                handler.Respond(200, """{"errorId":1,"errorCode":"ERROR_NO_SLOT_AVAILABLE"}""");
            }
            handler.Respond(200, """{"errorId":0,"taskId":7}""");
            var client = new CapMonsterClient(
                new ConnectionSettings(ApiKey.FromPlainText(Key), new Uri("https://api.example.test/"), TimeSpan.FromSeconds(30), 3, WebProxySettings.System, TimeSpan.FromSeconds(2)),
                events, new HttpClient(handler), clock, new Random(1));
            Assert.Equal(7L, await client.CreateTaskAsync(WriteImageTask, null, null, CancellationToken.None));
            double[] expected = [2, 4, 8];
            Assert.Equal(3, clock.Delays.Count);
            for (int i = 0; i < 3; i++)
            {
                Assert.InRange(clock.Delays[i].TotalSeconds, expected[i], expected[i] * 1.25);
            }
        }

        [Fact]
        public async Task Scrubs_the_key_from_an_error_code_that_echoes_it()
        {
            handler.Respond(200, $$"""{"errorId":1,"errorCode":"ERROR_{{Key}}","errorDescription":"bad {{Key}}"}""");
            var error = await Assert.ThrowsAsync<CapMonsterException>(() => Client().GetBalanceAsync(CancellationToken.None));
            Assert.Equal("ERROR_***", error.ErrorCode);
            foreach (string shown in events.All.Append(error.Message).Append(error.ErrorId).Append(error.ServerDescription!))
            {
                Assert.DoesNotContain(Key, shown, StringComparison.Ordinal);
            }
        }

        [Fact]
        public async Task Shows_bodies_in_debug_with_the_key_redacted_suffixes_included()
        {
            const string SuffixedKey = Key + "__nocache__recognizingthreshold_70";
            handler.Respond(200, $$"""{"errorId":1,"errorCode":"ERROR_KEY_DOES_NOT_EXIST","errorDescription":"Key {{Key}} does not exist"}""");
            var error = await Assert.ThrowsAsync<CapMonsterAccountException>(() => Client(key: SuffixedKey).GetBalanceAsync(CancellationToken.None));
            Assert.Contains(SuffixedKey, handler.Requests.Single().Body, StringComparison.Ordinal); // the service gets it
            Assert.Contains(events.Debug, m => m.Contains("\"clientKey\":\"***\"", StringComparison.Ordinal));
            foreach (string shown in events.All.Append(error.Message).Append(error.ServerDescription!).Append(error.RecommendedAction))
            {
                Assert.DoesNotContain(Key, shown, StringComparison.Ordinal);
            }
            Assert.Contains(events.Verbose, m => m.Contains("POST https://api.example.test/getBalance -> HTTP 200", StringComparison.Ordinal));
        }
    }
}
