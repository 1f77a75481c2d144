using System;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CapMonster.Api;
using EmulatorErrorCodes = CapMonster.Emulator.ErrorCodes;

namespace CapMonster.Tests.Core
{
    /// <summary>
    /// Every documented API code, with HTTP 200 and with each non-200 status the service sends codes with, answered
    /// to every API method the client has, becomes the catalog's exception and ErrorRecord. The cmdlets' side (their
    /// ErrorId suffix, TargetObject) is held by one Pester case per catalog area in Account.Tests.ps1.
    /// </summary>
    public sealed class ApiErrorMatrixTests
    {
        private const string Key = "0123456789abcdef0123456789abcdef";
        private const long TaskId = 3_000_000_001;

        /// <summary>
        /// 200, the statuses the emulator gives codes as the live service does (402, 403, 429), and a 500: the body
        /// is read first whatever the status (reference §1.2).
        /// </summary>
        private static readonly int[] Statuses =
            [.. EmulatorErrorCodes.Documented.Select(code => EmulatorErrorCodes.HttpStatus(code, observed: true)).Append(200).Append(500).Distinct().Order()];

        public static TheoryData<string, int, string> Cases()
        {
            var cases = new TheoryData<string, int, string>();
            foreach (string code in EmulatorErrorCodes.Documented)
            {
                foreach (int status in Statuses)
                {
                    foreach (ApiMethod method in Enum.GetValues<ApiMethod>())
                    {
                        cases.Add(code, status, ApiMethods.Name(method));
                    }
                }
            }
            return cases;
        }

        [Fact]
        public void Covers_a_non_200_status_besides_200()
        {
            Assert.Contains(200, Statuses);
            Assert.True(Statuses.Length >= 3, string.Join(", ", Statuses));
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public async Task Turns_the_code_into_its_catalog_error(string code, int status, string methodName)
        {
            ApiMethod method = Enum.GetValues<ApiMethod>().Single(m => ApiMethods.Name(m) == methodName);
            string serverDescription = EmulatorErrorCodes.Describe(code);
            using var handler = new ScriptedHandler();
            handler.Respond(status, $$"""{"errorId":1,"errorCode":"{{code}}","errorDescription":"{{serverDescription.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""");
            var client = new CapMonsterClient(
                new ConnectionSettings(ApiKey.FromPlainText(Key), new Uri("https://api.example.test/"), TimeSpan.FromSeconds(30), 0, WebProxySettings.System),
                new RecordingEvents(), new HttpClient(handler), new FakeClock(), new Random(1));

            Exception? thrown = await Record.ExceptionAsync(() => Call(client, method));

            Assert.Single(handler.Requests);
            ErrorInfo entry = ErrorCatalog.Default.Find(code)!;
            if (method == ApiMethod.GetTaskResult && !entry.IsFailure)
            {
                Assert.Null(thrown); // CAPTCHA_NOT_READY answers a poll: still processing
                return;
            }
            var error = Assert.IsAssignableFrom<CapMonsterException>(thrown);
            Assert.Equal(entry.ExceptionType, error.GetType().FullName);
            Assert.Equal(code, error.ErrorCode); // as sent, an alias too
            Assert.Same(entry, error.Entry);
            Assert.Equal(entry.Category, error.Category);
            Assert.Equal(entry.Retry, error.Retry);
            Assert.Equal(entry.RecommendedAction, error.RecommendedAction);
            Assert.Equal(status, error.HttpStatus);
            Assert.Equal(serverDescription, error.ServerDescription);
            Assert.StartsWith(entry.Description, error.Message, StringComparison.Ordinal);
            bool aboutATask = method is ApiMethod.GetTaskResult or ApiMethod.ReportIncorrectImageCaptcha or ApiMethod.ReportIncorrectTokenCaptcha;
            long? expectedTaskId = aboutATask ? TaskId : null;
            Assert.Equal(expectedTaskId, error.TaskId);

            ErrorRecord record = ErrorRecordFactory.Create(error, error.TaskId);
            Assert.Same(error, record.Exception);
            Assert.Equal(code, record.FullyQualifiedErrorId);
            Assert.Equal(entry.Category, record.CategoryInfo.Category);
            Assert.Equal(error.Message, record.ErrorDetails.Message);
            Assert.Equal(entry.RecommendedAction, record.ErrorDetails.RecommendedAction);
        }

        private static Task Call(CapMonsterClient client, ApiMethod method) => method switch
        {
            ApiMethod.GetBalance => client.GetBalanceAsync(CancellationToken.None),
            ApiMethod.CreateTask => client.CreateTaskAsync(
                w =>
                {
                    w.WriteString("type", "ImageToTextTask");
                    w.WriteString("body", "aGVsbG8=");
                },
                null, null, CancellationToken.None),
            ApiMethod.GetTaskResult => client.GetTaskResultAsync(TaskId, retryRateLimits: true, CancellationToken.None),
            ApiMethod.ReportIncorrectImageCaptcha => client.ReportIncorrectAsync(imageTask: true, TaskId, CancellationToken.None),
            ApiMethod.ReportIncorrectTokenCaptcha => client.ReportIncorrectAsync(imageTask: false, TaskId, CancellationToken.None),
            ApiMethod.GetUserAgent => client.GetUserAgentAsync(CancellationToken.None),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "A method this matrix does not call yet."),
        };
    }
}
