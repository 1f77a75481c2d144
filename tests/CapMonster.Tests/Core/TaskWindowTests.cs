using System;
using System.Collections;
using System.Collections.Generic;
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
            var window = NewWindow(40);
            Assert.Equal(TaskWindow.InitialSize, window.Size);
            for (int i = 0; i < 100; i++)
            {
                window.Accepted();
            }
            Assert.Equal(40, window.Size);
        }

        [Fact]
        public void Halves_once_per_round_of_refusals_and_per_pause_then_grows_back_by_one_per_accepted_task()
        {
            var window = NewWindow(100_000);
            for (int i = 0; i < 48; i++)
            {
                window.Accepted();
            }
            Assert.Equal(64, window.Size);
            long round = window.Epoch;
            Assert.True(window.Refused(round, Pause));
            Assert.False(window.Refused(round, Pause)); // a second refusal of the same round does not halve again
            Assert.Equal(32, window.Size);
            window.Accepted();
            Assert.Equal(33, window.Size);
            clock.Advance(Pause - TimeSpan.FromSeconds(1));
            Assert.False(window.Refused(window.Epoch, Pause)); // a new round, but within the pause the service asked for
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(window.Refused(window.Epoch, Pause));
            Assert.Equal(16, window.Size);
        }

        [Fact]
        public async Task After_a_refusal_grows_back_with_time_by_even_steps_once_the_pause_is_over_waking_waiting_tasks()
        {
            var window = NewWindow(100_000);
            for (int i = 0; i < 48; i++)
            {
                window.Accepted();
            }
            var places = new List<Task>();
            for (int i = 0; i < 100; i++)
            {
                places.Add(window.WaitAsync(CancellationToken.None));
            }
            Assert.Equal(64, window.InUse);
            Assert.True(window.Refused(window.Epoch, Pause));
            Assert.Equal(32, window.Size);

            clock.Advance(Pause - TimeSpan.FromMilliseconds(1));
            Assert.Equal(32, window.Size); // nothing before the pause the service asked for
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(36, window.Size); // a step is an eighth of what the halving took
            clock.Advance(TimeSpan.FromSeconds(7));
            Assert.Equal(64, window.Size); // back where it was eight seconds after the pause
            Assert.Equal(64, window.InUse);
            clock.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(72, window.Size); // and on, while tasks wait for a place
            Assert.Equal(72, window.InUse);
            await Task.WhenAll(places.Take(72)).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.All(places.Skip(72), place => Assert.False(place.IsCompleted));
        }

        [Fact]
        public void A_new_halving_ends_the_recovery_under_way_and_growth_stops_at_the_limit_or_when_nobody_waits()
        {
            var window = NewWindow(40);
            for (int i = 0; i < 24; i++)
            {
                window.Accepted();
            }
            for (int i = 0; i < 50; i++)
            {
                _ = window.WaitAsync(CancellationToken.None);
            }
            Assert.True(window.Refused(window.Epoch, Pause)); // 40 -> 20, steps of 3
            clock.Advance(Pause + TimeSpan.FromSeconds(1));
            Assert.Equal(26, window.Size);
            Assert.True(window.Refused(window.Epoch, Pause)); // 26 -> 13, steps of 2; the first recovery stops
            clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(13, window.Size); // the first recovery's next step was due and did not come
            clock.Advance(Pause - TimeSpan.FromSeconds(1));
            Assert.Equal(15, window.Size);
            clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(40, window.Size); // never past -ThrottleLimit

            var idle = NewWindow(100_000);
            Assert.True(idle.Refused(idle.Epoch, Pause));
            clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(TaskWindow.InitialSize / 2, idle.Size); // nobody waits: a window that is not full learns nothing
            Assert.Equal(0, clock.Pending);
        }

        [Fact]
        public void Never_shrinks_below_one()
        {
            var window = NewWindow(1);
            Assert.True(window.Refused(window.Epoch, Pause));
            clock.Advance(Pause);
            Assert.True(window.Refused(window.Epoch, Pause));
            Assert.Equal(1, window.Size);
        }

        [Fact]
        public async Task Lets_waiting_tasks_in_first_come_first_served_as_places_free_up()
        {
            var window = NewWindow(2);
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

        private static readonly TimeSpan Pause = TimeSpan.FromSeconds(10);

        private readonly ManualClock clock = new();

        private TaskWindow NewWindow(int limit) => new(limit, clock, CancellationToken.None);

        private static void Write(object value, string path)
        {
            using var writer = new Utf8JsonWriter(Stream.Null);
            JsonValues.Write(writer, value, path);
        }

        /// <summary>A clock that moves only when the test advances it; delays due by then complete in order, inline.</summary>
        private sealed class ManualClock : IClock
        {
            private readonly List<(DateTimeOffset Due, TaskCompletionSource<bool> Done)> delays = new();

            public DateTimeOffset UtcNow { get; private set; } = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

            /// <summary>Delays not yet due.</summary>
            internal int Pending => delays.Count;

            public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
            {
                var done = new TaskCompletionSource<bool>();
                delays.Add((UtcNow + delay, done));
                return done.Task;
            }

            internal void Advance(TimeSpan by)
            {
                DateTimeOffset until = UtcNow + by;
                // Continuations run inline only outside a synchronization context (xunit sets one): without it the
                // awaiting recovery runs now, on this thread, and asks for its next delay before SetResult returns.
                SynchronizationContext? context = SynchronizationContext.Current;
                SynchronizationContext.SetSynchronizationContext(null);
                try
                {
                    while (delays.Count > 0 && delays.Min(d => d.Due) <= until)
                    {
                        var next = delays.OrderBy(d => d.Due).First();
                        delays.Remove(next);
                        UtcNow = next.Due;
                        next.Done.SetResult(true);
                    }
                }
                finally
                {
                    SynchronizationContext.SetSynchronizationContext(context);
                }
                UtcNow = until;
            }
        }
    }
}
