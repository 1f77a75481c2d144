using System;
using System.Management.Automation;
using CapMonster.Api;

namespace CapMonster.Tests.Core
{
    /// <summary>The response interpreter alone: answers in, values or catalog errors out, no I/O.</summary>
    public class ResponseInterpreterTests
    {
        private const string Key = "0123456789abcdef0123456789abcdef";
        private readonly ResponseInterpreter interpreter = new(ApiKey.FromPlainText(Key));

        private ApiResponse Ok(ApiMethod method, string json, int status = 200)
        {
            Attempt<ApiResponse> attempt = interpreter.Interpret(method, new HttpAnswer(status, "OK", json, null), 5);
            return attempt.Value ?? throw attempt.Error!;
        }

        [Theory]
        [InlineData("""{"errorId":0,"taskId":42}""", 42)]
        [InlineData("""{"errorId":0,"taskId":"42"}""", 42)]
        [InlineData("""{"errorId":0,"TaskId":9223372036854775807}""", long.MaxValue)]
        public void Reads_a_task_id_that_is_a_whole_number_above_zero(string json, long expected)
        {
            Assert.Equal(expected, interpreter.ReadTaskId(Ok(ApiMethod.CreateTask, json)));
        }

        [Theory]
        [InlineData("""{"errorId":0,"taskId":1e3}""")]
        [InlineData("""{"errorId":0,"taskId":42.5}""")]
        [InlineData("""{"errorId":0,"taskId":"abc"}""")]
        [InlineData("""{"errorId":0,"taskId":null}""")]
        [InlineData("""{"errorId":0,"taskId":0}""")]
        [InlineData("""{"errorId":0,"taskId":-1}""")]
        public void Refuses_any_other_task_id_as_an_invalid_response(string json)
        {
            var error = Assert.IsType<CapMonsterConnectionException>(Record.Exception(() => interpreter.ReadTaskId(Ok(ApiMethod.CreateTask, json))));
            Assert.Equal("InvalidResponse", error.ErrorCode);
            Assert.Contains("taskId", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Reports_a_failed_task_as_failed()
        {
            var error = Assert.IsType<CapMonsterTaskException>(Record.Exception(
                () => interpreter.ReadTaskResult(Ok(ApiMethod.GetTaskResult, """{"errorId":0,"status":"failed","errorDescription":"worker crashed"}"""), 5)));
            Assert.Equal("TaskFailed", error.ErrorCode);
            Assert.Equal(5L, error.TaskId);
            Assert.Equal(RetryAdvice.NewTask, error.Retry);
            Assert.Contains("worker crashed", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("""{"errorId":0,"status":"cancelled"}""", "'cancelled'")]
        [InlineData("""{"errorId":0,"status":"ready"}""", "solution")]
        [InlineData("""{"errorId":0,"status":"ready","solution":null}""", "solution")]
        [InlineData("""{"errorId":0,"status":"ready","solution":"text"}""", "solution")]
        public void Reports_an_unknown_status_or_a_ready_answer_without_a_solution_as_what_it_is(string json, string named)
        {
            var error = Assert.IsType<CapMonsterConnectionException>(Record.Exception(() => interpreter.ReadTaskResult(Ok(ApiMethod.GetTaskResult, json), 5)));
            Assert.Equal("InvalidResponse", error.ErrorCode);
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("""{"errorId":0,"status":"processing"}""")]
        [InlineData("""{"errorId":0}""")]
        [InlineData("""{"errorId":1,"errorCode":"CAPTCHA_NOT_READY"}""")]
        public void Reads_processing(string json)
        {
            Assert.False(interpreter.ReadTaskResult(Ok(ApiMethod.GetTaskResult, json), 5).IsReady);
        }

        [Theory]
        [InlineData(200)]
        [InlineData(403)]
        public void Turns_a_code_into_its_catalog_error_whatever_the_status(int status)
        {
            Attempt<ApiResponse> attempt = interpreter.Interpret(ApiMethod.GetBalance, new HttpAnswer(status, "x", """{"errorId":1,"errorCode":"ERROR_IP_NOT_ALLOWED"}""", TimeSpan.FromSeconds(3)), null);
            Assert.Equal("ERROR_IP_NOT_ALLOWED", attempt.Error!.ErrorCode);
            Assert.Equal(ErrorCategory.PermissionDenied, attempt.Error.Category);
            Assert.Equal(TimeSpan.FromSeconds(3), attempt.RetryAfter);
        }

        [Fact]
        public void Shows_no_part_of_the_key_in_a_snippet_even_where_the_cut_falls_inside_it()
        {
            string body = "<html>" + new string('x', 190) + Key + "</html>";
            Attempt<ApiResponse> attempt = interpreter.Interpret(ApiMethod.GetBalance, new HttpAnswer(502, "Bad Gateway", body, null), null);
            Assert.DoesNotContain(Key.Substring(0, 8), attempt.Error!.Message, StringComparison.Ordinal);
        }
    }
}
