using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CapMonster.Api;

namespace CapMonster.Tests.Core
{

    /// <summary>An HTTP handler that answers from a script and records what it was sent.</summary>
    internal sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> script = new();

        internal List<(string Method, Uri Uri, string Body)> Requests { get; } = new();

        internal ScriptedHandler Respond(int status, string body, string contentType = "application/json")
        {
            script.Enqueue((_, _) => Task.FromResult(new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent(body, Encoding.UTF8, contentType),
            }));
            return this;
        }

        internal ScriptedHandler Respond(Func<HttpResponseMessage> response)
        {
            script.Enqueue((_, _) => Task.FromResult(response()));
            return this;
        }

        internal ScriptedHandler Fail(Exception exception)
        {
            script.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
            return this;
        }

        /// <summary>Never answers; only the request's cancellation ends it.</summary>
        internal ScriptedHandler Hang()
        {
            script.Enqueue(async (_, token) =>
            {
                await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
                throw new InvalidOperationException("not reached");
            });
            return this;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            lock (Requests)
            {
                Requests.Add((request.Method.Method, request.RequestUri!, body));
            }
            if (!script.TryDequeue(out var next))
            {
                throw new InvalidOperationException("The test scripted no answer for " + request.RequestUri);
            }
            return await next(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A clock whose delays pass at once and are recorded.</summary>
    internal sealed class FakeClock : IClock
    {
        internal List<TimeSpan> Delays { get; } = new();

        public DateTimeOffset UtcNow { get; private set; } = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (Delays)
            {
                Delays.Add(delay);
                UtcNow += delay;
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>Collects what the client reports.</summary>
    internal sealed class RecordingEvents : IApiEvents
    {
        internal ConcurrentQueue<string> Verbose { get; } = new();
        internal ConcurrentQueue<string> Debug { get; } = new();
        internal ConcurrentQueue<string> Warnings { get; } = new();

        bool IApiEvents.ShowsVerbose => true;

        bool IApiEvents.ShowsDebug => true;

        void IApiEvents.Verbose(string message) => Verbose.Enqueue(message);

        void IApiEvents.Debug(string message) => Debug.Enqueue(message);

        void IApiEvents.Warning(string message) => Warnings.Enqueue(message);

        internal IEnumerable<string> All => Verbose.Concat(Debug).Concat(Warnings);
    }
}
