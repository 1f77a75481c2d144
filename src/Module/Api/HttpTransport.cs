using System;
using System.Buffers;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using CapMonster.Localization;

namespace CapMonster.Api
{
    using System.Threading.Tasks;

    /// <summary>An HTTP answer as it came back, whatever its status.</summary>
    internal sealed class HttpAnswer
    {
        internal HttpAnswer(int status, string reasonPhrase, string text, TimeSpan? retryAfter)
        {
            Status = status;
            ReasonPhrase = reasonPhrase;
            Text = text;
            RetryAfter = retryAfter;
        }

        internal int Status { get; }

        internal string ReasonPhrase { get; }

        internal string Text { get; }

        /// <summary>How long the answer's Retry-After header asks to wait, if it has one.</summary>
        internal TimeSpan? RetryAfter { get; }
    }

    /// <summary>The outcome of one try: a value, or a failure with what the retry policy needs to know.</summary>
    internal readonly struct Attempt<T>
        where T : class
    {
        private Attempt(T? value, CapMonsterException? error, bool requestMayHaveArrived, TimeSpan? retryAfter)
        {
            Value = value;
            Error = error;
            RequestMayHaveArrived = requestMayHaveArrived;
            RetryAfter = retryAfter;
        }

        internal T? Value { get; }

        internal CapMonsterException? Error { get; }

        /// <summary>False only when the request certainly never reached the service (no connection was made).</summary>
        internal bool RequestMayHaveArrived { get; }

        internal TimeSpan? RetryAfter { get; }

        internal static Attempt<T> Succeeded(T value) => new(value, null, true, null);

        internal static Attempt<T> Failed(CapMonsterException error, bool requestMayHaveArrived, TimeSpan? retryAfter = null) =>
            new(null, error, requestMayHaveArrived, retryAfter);
    }

    /// <summary>
    /// One request over the shared HttpClient: the per-request timeout, redirects followed only to the same
    /// origin, answers read up to a cap (decompressed ones too), network failures as catalog errors that say
    /// whether the request may have arrived. Verbose shows each call; debug the bodies, redacted.
    /// </summary>
    internal sealed class HttpTransport
    {
        /// <summary>The most of an answer that is read: real answers are a few kilobytes.</summary>
        internal const int MaximumAnswerBytes = 4 * 1024 * 1024;

        private const int MaximumRedirects = 5;
        private const int DebugBodyLength = 4000;
        private const int ReadChunkBytes = 16 * 1024;
        private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

        private readonly ConnectionSettings settings;
        private readonly IApiEvents events;
        private readonly HttpClient http;

        internal HttpTransport(ConnectionSettings settings, IApiEvents events, HttpClient? http = null)
        {
            this.settings = settings;
            this.events = events;
            this.http = http ?? HttpClientPool.Get(settings.Proxy);
        }

        /// <summary>POSTs <paramref name="body"/> to <paramref name="uri"/>, or GETs it when there is no body.</summary>
        internal async Task<Attempt<HttpAnswer>> SendAsync(string method, Uri uri, byte[]? body, long? taskId, CancellationToken cancellationToken)
        {
            HttpMethod verb = body is null ? HttpMethod.Get : HttpMethod.Post;
            if (body is not null && events.ShowsDebug)
            {
                events.Debug(Messages.RequestBody(method, Redaction.RedactJson(Encoding.UTF8.GetString(body))));
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            var stopwatch = Stopwatch.StartNew();
            Uri target = uri;
            bool connected = false;
            try
            {
                for (int redirects = 0; ; redirects++)
                {
                    using HttpRequestMessage request = NewRequest(verb, target, body);
                    using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    connected = true;
                    int status = (int)response.StatusCode;
                    if (IsRedirect(status) && response.Headers.Location is { } location)
                    {
                        Summarize(verb, target, status, stopwatch);
                        var next = new Uri(target, location);
                        if (redirects >= MaximumRedirects || !MayFollow(verb, status, target, next))
                        {
                            string shown = Redaction.HideUserInfo(next.OriginalString);
                            return Attempt<HttpAnswer>.Failed(
                                CapMonsterException.FromModuleError(ModuleErrorId.UnsafeRedirect, Messages.UnsafeRedirect(method, target, status, shown), null, taskId, status),
                                requestMayHaveArrived: true);
                        }
                        target = next;
                        continue;
                    }
                    byte[]? bytes = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
                    Summarize(verb, target, status, stopwatch);
                    if (bytes is null)
                    {
                        return Attempt<HttpAnswer>.Failed(
                            CapMonsterException.FromModuleError(
                                ModuleErrorId.InvalidResponse,
                                Messages.InvalidResponse(method, status, Messages.AnswerTooLarge(MaximumAnswerBytes / (1024 * 1024)), "…"), null, taskId, status),
                            requestMayHaveArrived: true);
                    }
                    string text = Encoding.UTF8.GetString(bytes);
                    if (events.ShowsDebug)
                    {
                        events.Debug(Messages.ResponseBody(method, Redaction.Shown(text, DebugBodyLength, settings.Key)));
                    }
                    return Attempt<HttpAnswer>.Succeeded(new HttpAnswer(status, response.ReasonPhrase ?? string.Empty, text, RetryAfter(response)));
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Summarize(verb, target, 0, stopwatch);
                string message = settings.Proxy.Address is { } proxy
                    ? Messages.ProxyRequestTimedOut(method, target, proxy, settings.Timeout.TotalSeconds)
                    : Messages.RequestTimedOut(method, target, settings.Timeout.TotalSeconds);
                return Attempt<HttpAnswer>.Failed(
                    CapMonsterException.FromModuleError(ModuleErrorId.RequestTimeout, message, null, taskId),
                    requestMayHaveArrived: true);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException or NotSupportedException)
            {
                Summarize(verb, target, 0, stopwatch);
                string detail = Redaction.Scrub(InnermostMessage(e), settings.Key);
                string message = settings.Proxy.Address is { } proxy
                    ? Messages.ProxyConnectionFailed(method, target, proxy, detail)
                    : Messages.ConnectionFailed(method, target, detail);
                return Attempt<HttpAnswer>.Failed(
                    CapMonsterException.FromModuleError(ModuleErrorId.ConnectionFailed, message, e, taskId),
                    requestMayHaveArrived: connected || !NeverConnected(e));
            }
        }

        /// <summary>The verbose line of one call, built only when shown.</summary>
        private void Summarize(HttpMethod verb, Uri target, int status, Stopwatch stopwatch)
        {
            if (events.ShowsVerbose)
            {
                events.Verbose(Messages.CallSummary(verb.Method, target, status, stopwatch.ElapsedMilliseconds));
            }
        }

        private static HttpRequestMessage NewRequest(HttpMethod verb, Uri uri, byte[]? body)
        {
            var request = new HttpRequestMessage(verb, uri);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonContentType;
            }
            return request;
        }

        private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

        /// <summary>
        /// Only to the same scheme, host and port, where the key may go anyway; a POST only with 307 or 308, which
        /// keep the method and body (301, 302 and 303 would turn it into a GET and take another answer for this one).
        /// </summary>
        internal static bool MayFollow(HttpMethod verb, int status, Uri from, Uri to) =>
            Uri.Compare(from, to, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0
            && to.UserInfo.Length == 0
            && (verb == HttpMethod.Get || status is 307 or 308);

        /// <summary>The body, or null when it is longer than the cap; decompression happens while reading, so a small compressed answer that inflates past the cap stops there.</summary>
        private static async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
        {
            long? length = content.Headers.ContentLength;
            if (length > MaximumAnswerBytes)
            {
                return null;
            }
            using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            // Sized by the header when there is one (decompressed answers have none), so the body is copied once.
            using var buffer = new MemoryStream(length is > 0 ? (int)length.Value : 0);
            // A pooled chunk: a fresh one per call was most of what a call allocated, thousands of times in a batch.
            byte[] chunk = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, ReadChunkBytes, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaximumAnswerBytes)
                    {
                        return null;
                    }
                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
            response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow);

        private static string InnermostMessage(Exception e)
        {
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }
            return e.Message;
        }

        /// <summary>True when the failure happened before a connection existed, so nothing was sent.</summary>
        private static bool NeverConnected(Exception e)
        {
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                if (inner is NotSupportedException)
                {
                    return true; // a proxy scheme this .NET cannot use: refused before connecting
                }
                if (inner is SocketException socket)
                {
                    return socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable
                        or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData or SocketError.AddressNotAvailable;
                }
            }
            return false;
        }
    }
}
