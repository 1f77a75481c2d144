using System;
using System.Threading;

namespace CapMonster.Api
{
    using System.Threading.Tasks;

    /// <summary>Time and waiting, injected so tests run hours of backoff and polling in milliseconds.</summary>
    internal interface IClock
    {
        DateTimeOffset UtcNow { get; }

        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    /// <summary>The real clock.</summary>
    internal sealed class SystemClock : IClock
    {
        internal static readonly SystemClock Instance = new();

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        /// <summary>
        /// Rounded up to a whole millisecond: Task.Delay drops the fraction, so a wait of 0.4 ms would end at once and a
        /// loop sleeping until a due time would spin through its last millisecond.
        /// </summary>
        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(WholeMilliseconds(delay), cancellationToken);

        internal static TimeSpan WholeMilliseconds(TimeSpan delay) => TimeSpan.FromTicks(
            (delay.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);
    }
}
