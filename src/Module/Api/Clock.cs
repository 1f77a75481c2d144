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

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) =>
            delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }
}
