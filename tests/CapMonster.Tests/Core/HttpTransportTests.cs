using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using CapMonster.Api;

namespace CapMonster.Tests.Core
{
    /// <summary>The transport over real sockets, with the pooled HttpClient, against small fake services on 127.0.0.1.</summary>
    public sealed class HttpTransportTests
    {
        private const string Key = "0123456789abcdef0123456789abcdef";
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
        private readonly RecordingEvents events = new();

        private CapMonsterClient Client(Uri serviceUri, WebProxySettings? proxy = null, int maximumRetryCount = 0) => new(
            new ConnectionSettings(ApiKey.FromPlainText(Key), serviceUri, TimeSpan.FromSeconds(10), maximumRetryCount, proxy ?? WebProxySettings.System),
            events, clock: new FakeClock());

        private static void WriteImageTask(System.Text.Json.Utf8JsonWriter w) => w.WriteString("type", "ImageToTextTask");

        [Theory]
        [InlineData(307)]
        [InlineData(308)]
        public async Task Refuses_a_redirect_to_another_port_without_sending_the_key_there(int status)
        {
            using var elsewhere = new FakeService(_ => FakeReply.Json(200, """{"errorId":0,"balance":999}"""));
            using var service = new FakeService(_ => FakeReply.Redirect(status, $"http://127.0.0.1:{elsewhere.Port}/getBalance"));
            var error = await Bounded.Throws<CapMonsterConnectionException>(Limit, () => Client(service.Uri, maximumRetryCount: 3).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("UnsafeRedirect", error.ErrorCode);
            Assert.Equal(ErrorCategory.SecurityError, error.Category);
            Assert.Equal(RetryAdvice.Never, error.Retry);
            Assert.Contains($"http://127.0.0.1:{elsewhere.Port}/getBalance", error.Message, StringComparison.Ordinal);
            Assert.Empty(elsewhere.Requests);
            Assert.Single(service.Requests); // not retried either
        }

        [Fact]
        public async Task Refuses_a_redirect_to_another_host_name_or_scheme()
        {
            using var service = new FakeService(r => r.Target.Contains("getBalance", StringComparison.Ordinal)
                ? FakeReply.Redirect(307, "https://127.0.0.1/getBalance")
                : FakeReply.Redirect(302, "http://localhost:1/api/useragent/actual"));
            var toHttps = await Bounded.Throws<CapMonsterException>(Limit, () => Client(service.Uri).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("UnsafeRedirect", toHttps.ErrorCode);
            var toLocalhost = await Bounded.Throws<CapMonsterException>(Limit, () => Client(service.Uri).GetUserAgentAsync(CancellationToken.None));
            Assert.Equal("UnsafeRedirect", toLocalhost.ErrorCode);
            Assert.Contains("localhost:1", toLocalhost.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Refuses_a_302_that_would_turn_the_post_into_a_get_even_on_the_same_origin()
        {
            using var service = new FakeService(r => r.Method == "POST"
                ? FakeReply.Redirect(302, "/balance-page")
                : FakeReply.Json(200, """{"errorId":0,"balance":999}"""));
            var error = await Bounded.Throws<CapMonsterException>(Limit, () => Client(service.Uri).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("UnsafeRedirect", error.ErrorCode);
            Assert.Single(service.Requests);
        }

        [Fact]
        public async Task Follows_a_307_on_the_same_origin_with_the_same_body()
        {
            using var service = new FakeService(r => r.Target == "/getBalance"
                ? FakeReply.Redirect(307, "/v2/getBalance")
                : FakeReply.Json(200, """{"errorId":0,"balance":5}"""));
            Assert.Equal(5m, await Bounded.Within(Limit, Client(service.Uri).GetBalanceAsync(CancellationToken.None)));
            FakeRequest[] requests = service.Requests.ToArray();
            Assert.Equal(["/getBalance", "/v2/getBalance"], requests.Select(r => r.Target));
            Assert.All(requests, r => Assert.Equal($$"""{"clientKey":"{{Key}}"}""", r.Body));
        }

        [Fact]
        public async Task Refuses_a_redirect_through_a_web_proxy_to_an_outside_host()
        {
            // The proxy stands for a service or gateway that redirects to a host outside: nothing may be sent there.
            using var proxy = new FakeService(_ => FakeReply.Redirect(307, "http://capmonster-redirect.invalid/getBalance"));
            var settings = new WebProxySettings(proxy.Uri, null);
            var error = await Bounded.Throws<CapMonsterException>(Limit, () => Client(new Uri("http://127.0.0.1:9/"), settings).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("UnsafeRedirect", error.ErrorCode);
            Assert.Contains("capmonster-redirect.invalid", error.Message, StringComparison.Ordinal);
            FakeRequest only = Assert.Single(proxy.Requests);
            Assert.Equal("http://127.0.0.1:9/getBalance", only.Target);
        }

        [Fact]
        public async Task Names_the_web_proxy_when_it_refuses_the_connection()
        {
            var proxyUri = new Uri($"http://127.0.0.1:{FakeService.ClosedPort()}/");
            var error = await Bounded.Throws<CapMonsterConnectionException>(Limit,
                () => Client(new Uri("https://api.example.test/"), new WebProxySettings(proxyUri, null)).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("ConnectionFailed", error.ErrorCode);
            Assert.Contains("web proxy " + proxyUri, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Names_the_web_proxy_when_the_request_through_it_times_out()
        {
            // A proxy that takes the connection and never answers: the wait ends at the proxy, and the message says so.
            var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            silent.Start();
            try
            {
                var proxyUri = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
                var settings = new ConnectionSettings(ApiKey.FromPlainText(Key), new Uri("https://api.example.test/"), TimeSpan.FromMilliseconds(300), 0, new WebProxySettings(proxyUri, null));
                var error = await Bounded.Throws<CapMonsterException>(Limit, () => new CapMonsterClient(settings, events, clock: new FakeClock()).GetBalanceAsync(CancellationToken.None));
                Assert.Equal("RequestTimeout", error.ErrorCode);
                Assert.Contains("through the web proxy " + proxyUri, error.Message, StringComparison.Ordinal);
            }
            finally
            {
                silent.Stop();
            }
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Refuses_an_answer_larger_than_the_cap(bool withLength)
        {
            using var service = new FakeService(_ => FakeReply.Large(HttpTransport.MaximumAnswerBytes + 1, withLength));
            var error = await Bounded.Throws<CapMonsterConnectionException>(Limit, () => Client(service.Uri).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("InvalidResponse", error.ErrorCode);
            Assert.Contains("4 MB", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Inflates_a_compressed_answer_only_up_to_the_cap()
        {
            using var service = new FakeService(_ => FakeReply.GzipBomb(64 << 20));
            long before = GC.GetTotalAllocatedBytes(precise: false);
            var error = await Bounded.Throws<CapMonsterConnectionException>(Limit, () => Client(service.Uri).GetBalanceAsync(CancellationToken.None));
            Assert.Equal("InvalidResponse", error.ErrorCode);
            Assert.InRange(GC.GetTotalAllocatedBytes(precise: false) - before, 0, 32L << 20); // far less than the 64 MB inflated
        }

        [Fact]
        public async Task A_small_compressed_answer_is_read()
        {
            using var service = new FakeService(_ => FakeReply.GzipBomb(1024));
            Assert.Equal(1m, await Bounded.Within(Limit, Client(service.Uri).GetBalanceAsync(CancellationToken.None)));
        }

        [Fact]
        public async Task A_task_creation_whose_connection_is_reset_after_sending_may_have_made_a_task()
        {
            using var service = new FakeService(_ => FakeReply.ResetWithoutAnswer());
            var error = await Bounded.Throws<CapMonsterConnectionException>(Limit,
                () => Client(service.Uri, maximumRetryCount: 3).CreateTaskAsync(WriteImageTask, null, null, CancellationToken.None));
            AssertTaskMayExist(error, "ConnectionFailed");
            Assert.Single(service.Requests);
        }

        [Fact]
        public async Task A_task_creation_whose_answer_is_cut_off_may_have_made_a_task()
        {
            using var service = new FakeService(_ => FakeReply.Truncated("""{"errorId":0,"taskId":12"""));
            var error = await Bounded.Throws<CapMonsterConnectionException>(Limit,
                () => Client(service.Uri, maximumRetryCount: 3).CreateTaskAsync(WriteImageTask, null, null, CancellationToken.None));
            AssertTaskMayExist(error, "ConnectionFailed");
            Assert.Single(service.Requests);
        }

        [Fact]
        public async Task A_reset_read_only_call_is_retried()
        {
            int calls = 0;
            using var service = new FakeService(_ => Interlocked.Increment(ref calls) == 1 ? FakeReply.ResetWithoutAnswer() : FakeReply.Json(200, """{"errorId":0,"balance":3}"""));
            Assert.Equal(3m, await Bounded.Within(Limit, Client(service.Uri, maximumRetryCount: 1).GetBalanceAsync(CancellationToken.None)));
            Assert.Equal(2, service.Requests.Count);
        }

        internal static void AssertTaskMayExist(CapMonsterException error, string cause)
        {
            Assert.Equal("TaskCreationUncertain", error.ErrorCode);
            Assert.NotEqual(RetryAdvice.SameRequest, error.Retry);
            Assert.Equal(cause, Assert.IsAssignableFrom<CapMonsterException>(error.InnerException).ErrorCode);
            Assert.Contains("may have been created", error.Message, StringComparison.Ordinal);
        }
    }
}
