using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CapMonster.Api;
using CapMonster.Commands;
using CapMonster.Tasks;

namespace CapMonster.Tests.Core
{
    using System.Threading.Tasks;

    /// <summary>The adaptive number of tasks in flight, and values that cannot become JSON or a result.</summary>
    public class TaskWindowTests
    {
        [Fact]
        public void Grows_by_one_per_accepted_task_up_to_the_limit()
        {
            var window = new TaskWindow(40);
            Assert.Equal(TaskWindow.InitialSize, window.Size);
            for (int i = 0; i < 100; i++)
            {
                window.Accepted();
            }
            Assert.Equal(40, window.Size);
        }

        [Fact]
        public void Halves_once_per_round_of_refusals_then_grows_back_by_one_per_accepted_task()
        {
            var window = new TaskWindow(100_000);
            for (int i = 0; i < 48; i++)
            {
                window.Accepted();
            }
            Assert.Equal(64, window.Size);
            long round = window.Epoch;
            Assert.True(window.Refused(round));
            Assert.False(window.Refused(round)); // a second refusal of the same round does not halve again
            Assert.Equal(32, window.Size);
            window.Accepted();
            Assert.Equal(33, window.Size);
        }

        [Fact]
        public void Never_shrinks_below_one()
        {
            var window = new TaskWindow(1);
            Assert.True(window.Refused(window.Epoch));
            Assert.True(window.Refused(window.Epoch));
            Assert.Equal(1, window.Size);
        }

        [Fact]
        public async Task Lets_waiting_tasks_in_first_come_first_served_as_places_free_up()
        {
            var window = new TaskWindow(2);
            await window.WaitAsync(CancellationToken.None);
            await window.WaitAsync(CancellationToken.None);
            Task third = window.WaitAsync(CancellationToken.None);
            Task fourth = window.WaitAsync(CancellationToken.None);
            Assert.False(third.IsCompleted);
            window.Release();
            await third.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(fourth.IsCompleted);
            Assert.Equal(2, window.InUse);
            using var cancel = new CancellationTokenSource();
            Task fifth = window.WaitAsync(cancel.Token);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fifth.WaitAsync(TimeSpan.FromSeconds(10)));
            window.Release();
            await fourth.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(2, window.InUse);
        }

        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void A_number_json_cannot_hold_is_a_typed_error_naming_its_field(double value)
        {
            CapMonsterException error = Assert.ThrowsAny<CapMonsterException>(() => Write(new Hashtable { ["score"] = value }, "metadata.x"));
            Assert.Equal("InvalidTaskField", error.ErrorCode);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.Category);
            Assert.Contains("metadata.x.score", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_hashtable_that_contains_itself_is_a_typed_error()
        {
            var table = new Hashtable();
            table["self"] = table;
            CapMonsterException error = Assert.ThrowsAny<CapMonsterException>(() => Write(table, "task"));
            Assert.Equal("InvalidTaskField", error.ErrorCode);
        }

        [Fact]
        public void A_ready_answer_with_a_null_solution_or_an_empty_property_name_still_makes_a_result()
        {
            CaptchaTask task = new(1, TaskTypes.FindFirst("ImageToText")!, "ImageToText", DateTimeOffset.UtcNow, new Uri("https://api.example.test/"), TimeSpan.Zero, null);
            JsonElement nullSolution = JsonDocument.Parse("""{"errorId":0,"status":"ready","solution":null}""").RootElement;
            CaptchaResult empty = CaptchaResults.From(task, new TaskResultResponse(true, nullSolution.GetProperty("solution"), null, nullSolution), 1, DateTimeOffset.UtcNow);
            Assert.Null(empty.Solution);
            Assert.Equal("ready", empty.Status);

            JsonElement odd = JsonDocument.Parse("""{"errorId":0,"status":"ready","solution":{"":"x","text":"a","Text":"b","big":1e400}}""").RootElement;
            CaptchaResult result = CaptchaResults.From(task, new TaskResultResponse(true, odd.GetProperty("solution"), null, odd), 1, DateTimeOffset.UtcNow);
            Assert.Equal("b", result.Text);
            Assert.Equal("1e400", result.Solution!.Properties["big"].Value);
        }

        private static void Write(object value, string path)
        {
            using var writer = new Utf8JsonWriter(Stream.Null);
            JsonValues.Write(writer, value, path);
        }
    }
}
