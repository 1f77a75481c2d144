using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using CapMonster.Api;
using CapMonster.Tasks;

namespace CapMonster.Tests.Core
{
    using System.Threading.Tasks;

    /// <summary>The waiter on a fake clock: hours of polling run in milliseconds, every request's time is known.</summary>
    public class TaskWaiterTests
    {
        private static readonly JsonElement Processing = JsonDocument.Parse("""{"errorId":0,"status":"processing"}""").RootElement;
        private static readonly JsonElement Ready = JsonDocument.Parse("""{"errorId":0,"status":"ready","solution":{"text":"ok"}}""").RootElement;
        private static readonly Uri Service = new("https://api.example.test/");

        private readonly FakeClock clock = new();
        private readonly DateTimeOffset start;
        private readonly ConcurrentDictionary<long, List<DateTimeOffset>> polls = new();
        private readonly ConcurrentDictionary<long, (TaskResultResponse? Result, CapMonsterException? Error, DateTimeOffset At)> outcomes = new();

        public TaskWaiterTests() => start = clock.UtcNow;

        [Theory]
        [InlineData(0.3, 1)]
        [InlineData(1, 1)]
        [InlineData(1.2, 2)]
        [InlineData(349.9, 350)]
        public void TheRealClockSleepsWholeMillisecondsRoundedUp(double milliseconds, double slept)
        {
            // Task.Delay drops the fraction: the waiter's loop, sleeping until a poll is due, would spin through its last millisecond.
            Assert.Equal(TimeSpan.FromMilliseconds(slept), SystemClock.WholeMilliseconds(TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond))));
        }

        private static CaptchaTask NewTask(long id, DateTimeOffset created, string type = "ImageToText") =>
            new(id, TaskTypes.FindFirst(type)!, type, created, Service, TaskTypes.FindFirst(type)!.FirstPoll, null);

        /// <summary>Runs the waiter over tasks whose answer the script gives for each request (by task and request number).</summary>
        private async Task Run(WaitOptions options, IEnumerable<CaptchaTask> tasks, Func<CaptchaTask, int, TaskResultResponse> answer)
        {
            var waiter = new TaskWaiter(clock, options, (task, _) =>
            {
                List<DateTimeOffset> times = polls.GetOrAdd(task.TaskId, _ => new List<DateTimeOffset>());
                lock (times)
                {
                    times.Add(clock.UtcNow);
                }
                return Task.FromResult(answer(task, times.Count));
            }, (item, result, error) => outcomes[item.Task.TaskId] = (result, error, clock.UtcNow));
            foreach (CaptchaTask task in tasks)
            {
                waiter.Add(task);
            }
            waiter.CompleteAdding();
            await waiter.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        }

        private static TaskResultResponse ReadyAfter(DateTimeOffset readyAt, DateTimeOffset now) =>
            now >= readyAt ? new TaskResultResponse(true, Ready.GetProperty("solution"), null, Ready) : new TaskResultResponse(false, null, null, Processing);

        private double[] SecondsOfPolls(long id) => polls[id].Select(t => (t - start).TotalSeconds).ToArray();

        [Fact]
        public async Task Polls_first_after_the_types_first_delay_then_every_interval()
        {
            await Run(new WaitOptions(), [NewTask(1, start)], (_, _) => ReadyAfter(start.AddSeconds(5), clock.UtcNow));

            Assert.Equal(new[] { 0.35, 2.35, 4.35, 6.35 }, SecondsOfPolls(1), new RoundedEquality());
            Assert.True(outcomes[1].Result!.IsReady);
            Assert.Equal(6.35, (outcomes[1].At - start).TotalSeconds, 3);
        }

        [Fact]
        public async Task Waits_a_second_before_the_first_poll_of_a_token_task_and_ten_with_nocache()
        {
            CaptchaTask token = NewTask(1, start, "RecaptchaV2");
            CaptchaTask noCache = new(2, TaskTypes.FindFirst("RecaptchaV2")!, "RecaptchaV2", start, Service, TaskTypes.NoCacheFirstPoll, null);
            await Run(new WaitOptions(), [token, noCache], (_, _) => ReadyAfter(start, clock.UtcNow));
            Assert.Equal(1.0, SecondsOfPolls(1).Single(), 3);
            Assert.Equal(10.0, SecondsOfPolls(2).Single(), 3);
        }

        [Fact]
        public async Task Never_makes_more_than_120_requests_for_a_task()
        {
            var options = new WaitOptions { PollInterval = TimeSpan.FromSeconds(WaitOptions.MinPollIntervalSeconds), Timeout = TimeSpan.FromHours(1) };
            await Run(options, [NewTask(1, start)], (_, _) => new TaskResultResponse(false, null, null, Processing));

            Assert.Equal(120, polls[1].Count);
            Assert.Equal("PollLimitReached", outcomes[1].Error!.ErrorCode);
            Assert.Equal(System.Management.Automation.ErrorCategory.LimitsExceeded, outcomes[1].Error!.Category);
        }

        [Fact]
        public async Task Times_out_after_a_last_request_at_the_deadline()
        {
            await Run(new WaitOptions { Timeout = TimeSpan.FromSeconds(7) }, [NewTask(1, start)], (_, _) => new TaskResultResponse(false, null, null, Processing));

            Assert.Equal(new[] { 0.35, 2.35, 4.35, 6.35, 7.0 }, SecondsOfPolls(1), new RoundedEquality());
            CapMonsterException error = outcomes[1].Error!;
            Assert.Equal("TaskTimeout", error.ErrorCode);
            Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.Category);
            Assert.Equal(1, error.TaskId);
            Assert.Contains("5 minutes", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Uses_the_types_default_timeout_when_none_is_given()
        {
            await Run(new WaitOptions(), [NewTask(1, start)], (_, _) => new TaskResultResponse(false, null, null, Processing));
            Assert.Equal(TaskTypes.FindFirst("ImageToText")!.DefaultTimeout.TotalSeconds, (outcomes[1].At - start).TotalSeconds, 3);
        }

        [Fact]
        public async Task Slows_a_task_down_on_too_much_requests_instead_of_failing_it()
        {
            await Run(new WaitOptions(), [NewTask(1, start)], (_, n) => n switch
            {
                1 or 2 => throw CapMonsterException.FromApiError("ERROR_TOO_MUCH_REQUESTS", "slow down"),
                _ => ReadyAfter(start, clock.UtcNow),
            });

            // 2 s doubles to 4 s, then to 8 s.
            Assert.Equal(new[] { 0.35, 4.35, 12.35 }, SecondsOfPolls(1), new RoundedEquality());
            Assert.True(outcomes[1].Result!.IsReady);
        }

        private static CapMonsterException Fault() => CapMonsterException.FromModuleError(ModuleErrorId.ConnectionFailed, "reset");

        [Fact]
        public async Task Counts_network_faults_in_a_row_so_isolated_ones_never_end_a_task()
        {
            // Two faults in every three polls, never more than two in a row, for a minute: the task survives to its answer.
            var options = new WaitOptions { MaxTransientFailures = 2, Timeout = TimeSpan.FromMinutes(5) };
            await Run(options, [NewTask(1, start)], (_, n) =>
                n % 3 != 0 ? throw Fault() : ReadyAfter(start.AddSeconds(60), clock.UtcNow));

            Assert.True(outcomes[1].Result!.IsReady);
            Assert.True(polls[1].Count > 20);
        }

        [Fact]
        public async Task Slows_down_through_an_outage_and_gives_up_only_at_the_deadline_naming_the_task()
        {
            await Run(new WaitOptions { MaxTransientFailures = 2, Timeout = TimeSpan.FromSeconds(60) }, [NewTask(7, start)], (_, _) => throw Fault());

            // 2 s apart for the first three, then 4, 8 and 10 s apart, and one last at the deadline.
            double[] times = SecondsOfPolls(7);
            Assert.Equal(new[] { 0.35, 2.35, 4.35, 8.35, 16.35, 26.35 }, times.Take(6), new RoundedEquality());
            Assert.Equal(60.0, times[^1], 3);
            CapMonsterException error = outcomes[7].Error!;
            Assert.Equal("TaskTimeout", error.ErrorCode);
            Assert.Equal(7, error.TaskId);
            Assert.Contains("reset", error.Message, StringComparison.Ordinal);
            Assert.Contains("-TaskId 7", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Names_the_task_and_says_it_can_still_be_fetched_when_the_account_fails_mid_wait()
        {
            await Run(new WaitOptions(), [NewTask(5, start)], (task, _) => throw CapMonsterException.FromApiError("ERROR_KEY_DOES_NOT_EXIST", null, task.TaskId));

            CapMonsterException error = outcomes[5].Error!;
            Assert.IsType<CapMonsterAccountException>(error);
            Assert.Equal("ERROR_KEY_DOES_NOT_EXIST", error.ErrorCode);
            Assert.Contains("Wait-CapMonsterTask -TaskId 5", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Stops_at_once_when_the_service_no_longer_knows_the_task_without_suggesting_to_fetch_it()
        {
            await Run(new WaitOptions(), [NewTask(3, start)], (task, _) => throw CapMonsterException.FromApiError("ERROR_NO_SUCH_CAPCHA_ID", null, task.TaskId));

            Assert.Single(polls[3]);
            CapMonsterException error = outcomes[3].Error!;
            Assert.Equal("ERROR_NO_SUCH_CAPCHA_ID", error.ErrorCode);
            Assert.Contains("3", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Get-CapMonsterTaskResult", error.Message + error.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Stops_when_the_service_keeps_refusing_requests_for_a_task_and_says_why()
        {
            await Run(new WaitOptions { Timeout = TimeSpan.FromHours(1) }, [NewTask(4, start)], (_, _) =>
                throw CapMonsterException.FromApiError("ERROR_TOO_MUCH_REQUESTS", "limit"));

            // Slowed to 4, 8 and 10 s apart; refused at 10 s apart too: over.
            Assert.Equal(new[] { 0.35, 4.35, 12.35, 22.35 }, SecondsOfPolls(4), new RoundedEquality());
            CapMonsterException error = outcomes[4].Error!;
            Assert.Equal("PollLimitReached", error.ErrorCode);
            Assert.Contains("120", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Get-CapMonsterTaskResult", error.Message + error.RecommendedAction, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Polls_once_even_when_the_wait_starts_after_the_tasks_deadline()
        {
            await Run(new WaitOptions { Timeout = TimeSpan.FromSeconds(10) }, [NewTask(2, start.AddMinutes(-3))], (_, _) => ReadyAfter(start, clock.UtcNow));

            Assert.Single(polls[2]);
            Assert.True(outcomes[2].Result!.IsReady);
        }

        [Fact]
        public async Task Ends_a_task_with_a_typed_error_when_its_poll_throws_something_unexpected()
        {
            await Run(new WaitOptions(), [NewTask(1, start), NewTask(2, start)], (task, _) =>
                task.TaskId == 1 ? throw new InvalidOperationException("boom") : ReadyAfter(start, clock.UtcNow));

            Assert.Equal("InvalidResponse", outcomes[1].Error!.ErrorCode);
            Assert.Contains("boom", outcomes[1].Error!.Message, StringComparison.Ordinal);
            Assert.True(outcomes[2].Result!.IsReady);
        }

        [Fact]
        public async Task Ends_a_task_with_a_typed_error_when_its_result_cannot_be_built_and_frees_its_slot()
        {
            var errors = new ConcurrentBag<CapMonsterException>();
            var waiter = new TaskWaiter(clock, new WaitOptions { MaxInFlight = 1 }, (_, _) => Task.FromResult(ReadyAfter(start, clock.UtcNow)), (item, result, error) =>
            {
                if (result is not null && item.Task.TaskId == 1)
                {
                    throw new ArgumentNullException("solution");
                }
                if (error is not null)
                {
                    errors.Add(error);
                }
                outcomes[item.Task.TaskId] = (result, error, clock.UtcNow);
            });
            waiter.Add(NewTask(1, start));
            waiter.Add(NewTask(2, start));
            waiter.CompleteAdding();
            await waiter.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal("InvalidResponse", Assert.Single(errors).ErrorCode);
            Assert.True(outcomes[2].Result!.IsReady);
        }

        [Fact]
        public async Task Runs_its_loop_only_once()
        {
            var waiter = new TaskWaiter(clock, new WaitOptions(), (_, _) => Task.FromResult(ReadyAfter(start, clock.UtcNow)), (_, _, _) => { });
            waiter.CompleteAdding();
            Task first = waiter.RunAsync(CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => waiter.RunAsync(CancellationToken.None));
            await first.WaitAsync(TimeSpan.FromSeconds(20));
        }

        [Fact]
        public async Task Ends_a_task_at_once_on_an_error_that_retrying_cannot_fix()
        {
            await Run(new WaitOptions(), [NewTask(1, start), NewTask(2, start)], (task, _) =>
                task.TaskId == 1 ? throw CapMonsterException.FromApiError("ERROR_CAPTCHA_UNSOLVABLE", null, task.TaskId) : ReadyAfter(start, clock.UtcNow));

            Assert.Equal("ERROR_CAPTCHA_UNSOLVABLE", outcomes[1].Error!.ErrorCode);
            Assert.Single(polls[1]);
            Assert.True(outcomes[2].Result!.IsReady);
        }

        [Fact]
        public async Task Waits_on_many_tasks_at_once_in_about_the_slowest_ones_time()
        {
            var random = new Random(7);
            var readyAt = Enumerable.Range(1, 200).ToDictionary(i => (long)i, _ => start.AddSeconds(1 + (2 * random.NextDouble())));
            await Run(new WaitOptions(), readyAt.Keys.Select(id => NewTask(id, start, "RecaptchaV2")), (task, _) => ReadyAfter(readyAt[task.TaskId], clock.UtcNow));

            Assert.Equal(200, outcomes.Count);
            Assert.All(outcomes.Values, o => Assert.True(o.Result!.IsReady));
            // The slowest is ready before 3 s; token tasks are polled at 1 s and 3 s: no task needs more than 2 requests.
            Assert.True((outcomes.Values.Max(o => o.At) - start).TotalSeconds <= 3.0 + 1e-9);
            Assert.All(polls.Values, p => Assert.InRange(p.Count, 1, 2));
        }

        [Fact]
        public async Task Polls_a_task_known_only_by_its_id_at_once()
        {
            var task = new CaptchaTask(9, TaskTypes.Unknown, "Custom", null, Service, TaskTypes.Unknown.FirstPoll, null);
            await Run(new WaitOptions(), [task], (_, _) => ReadyAfter(start, clock.UtcNow));
            Assert.Equal(0.0, SecondsOfPolls(9).Single(), 3);
        }

        [Fact]
        public async Task Keeps_at_most_the_allowed_requests_in_flight()
        {
            int inFlight = 0, most = 0;
            var waiter = new TaskWaiter(SystemClock.Instance, new WaitOptions { MaxInFlight = 4 }, async (task, token) =>
            {
                int now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                await Task.Delay(20, token);
                Interlocked.Decrement(ref inFlight);
                return new TaskResultResponse(true, null, null, Ready);
            }, (_, _, _) => { });
            DateTimeOffset old = DateTimeOffset.UtcNow.AddSeconds(-1); // created a second ago: all due at once
            for (int i = 1; i <= 40; i++)
            {
                waiter.Add(NewTask(i, old));
            }
            waiter.CompleteAdding();
            await waiter.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.InRange(most, 2, 4);
        }

        [Fact]
        public async Task Stops_promptly_when_cancelled()
        {
            var waiter = new TaskWaiter(SystemClock.Instance, new WaitOptions { Timeout = TimeSpan.FromHours(1) },
                (_, _) => Task.FromResult(new TaskResultResponse(false, null, null, Processing)), (_, _, _) => { });
            waiter.Add(NewTask(1, DateTimeOffset.UtcNow));
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.RunAsync(cancel.Token));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        private sealed class RoundedEquality : IEqualityComparer<double>
        {
            public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-6;

            public int GetHashCode(double obj) => 0;
        }
    }
}
