using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CapMonster.Tests.Core
{
    /// <summary>One request as a fake service or proxy on 127.0.0.1 received it.</summary>
    internal sealed record FakeRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>What a fake service does with a request: bytes to write, then close or reset the connection.</summary>
    internal sealed class FakeReply
    {
        private FakeReply(byte[] bytes, bool reset)
        {
            Bytes = bytes;
            Reset = reset;
        }

        internal byte[] Bytes { get; }

        internal bool Reset { get; }

        internal static FakeReply Raw(string head, byte[] body, bool reset = false) =>
            new(Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n").Concat(body).ToArray(), reset);

        internal static FakeReply Json(int status, string json, string extraHeaders = "")
        {
            byte[] body = Encoding.UTF8.GetBytes(json);
            return Raw($"HTTP/1.1 {status} Status\nContent-Type: application/json\nContent-Length: {body.Length}\nConnection: close\n{extraHeaders}", body);
        }

        internal static FakeReply Redirect(int status, string location) =>
            Raw($"HTTP/1.1 {status} Moved\nLocation: {location}\nContent-Length: 0\nConnection: close\n", []);

        /// <summary>The request is read, then the connection is reset with no answer at all.</summary>
        internal static FakeReply ResetWithoutAnswer() => new([], reset: true);

        /// <summary>A Content-Length the body never reaches: the answer is cut off.</summary>
        internal static FakeReply Truncated(string start) =>
            Raw($"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: {start.Length + 100}\nConnection: close\n", Encoding.UTF8.GetBytes(start));

        /// <summary>A body of <paramref name="bytes"/> spaces, with or without a Content-Length (then it ends when the connection closes).</summary>
        internal static FakeReply Large(int bytes, bool withLength) =>
            Raw($"HTTP/1.1 200 OK\nContent-Type: application/json\n{(withLength ? $"Content-Length: {bytes}\n" : string.Empty)}Connection: close\n", Enumerable.Repeat((byte)' ', bytes).ToArray());

        /// <summary>A small gzip answer that inflates to <paramref name="inflatedBytes"/> of whitespace.</summary>
        internal static FakeReply GzipBomb(int inflatedBytes)
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize))
            {
                byte[] spaces = Enumerable.Repeat((byte)' ', 1 << 20).ToArray();
                for (int written = 0; written < inflatedBytes; written += spaces.Length)
                {
                    gzip.Write(spaces);
                }
                gzip.Write("{\"errorId\":0,\"balance\":1}"u8);
            }
            byte[] body = packed.ToArray();
            return Raw($"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Encoding: gzip\nContent-Length: {body.Length}\nConnection: close\n", body);
        }
    }

    /// <summary>
    /// A tiny HTTP/1.1 server on 127.0.0.1 for what the emulator cannot do: redirects, resets, cut-off, huge and
    /// compressed answers, and a web proxy (requests in absolute form). One request per connection.
    /// </summary>
    internal sealed class FakeService : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly Func<FakeRequest, FakeReply> reply;
        private readonly CancellationTokenSource stop = new();

        internal FakeService(Func<FakeRequest, FakeReply> reply)
        {
            this.reply = reply;
            listener.Start();
            _ = AcceptAsync();
        }

        internal int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        internal Uri Uri => new($"http://127.0.0.1:{Port}/");

        internal ConcurrentQueue<FakeRequest> Requests { get; } = new();

        /// <summary>A loopback port nothing listens on.</summary>
        internal static int ClosedPort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    NetworkStream stream = client.GetStream();
                    FakeRequest? request = await ReadRequestAsync(stream);
                    if (request is null)
                    {
                        return;
                    }
                    Requests.Enqueue(request);
                    FakeReply answer = reply(request);
                    await stream.WriteAsync(answer.Bytes, stop.Token);
                    await stream.FlushAsync(stop.Token);
                    if (answer.Reset)
                    {
                        client.Client.LingerState = new LingerOption(true, 0); // closing now sends RST
                    }
                    else
                    {
                        client.Client.Shutdown(SocketShutdown.Send);
                    }
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // the client went away: nothing to serve
                }
            }
        }

        private async Task<FakeRequest?> ReadRequestAsync(NetworkStream stream)
        {
            var head = new List<byte>();
            var one = new byte[1];
            while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
            {
                if (await stream.ReadAsync(one, stop.Token) == 0)
                {
                    return null;
                }
                head.Add(one[0]);
            }
            string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            string[] requestLine = lines[0].Split(' ');
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            int length = headers.TryGetValue("Content-Length", out string? text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
            byte[] body = new byte[length];
            await stream.ReadExactlyAsync(body, stop.Token);
            return new FakeRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
        }
    }

    /// <summary>A wall-clock bound, so a hang fails the test instead of stalling the suite.</summary>
    internal static class Bounded
    {
        internal static async Task<T> Within<T>(TimeSpan limit, Task<T> work)
        {
            if (await Task.WhenAny(work, Task.Delay(limit)) != work)
            {
                throw new TimeoutException($"Did not finish within {limit.TotalSeconds} s.");
            }
            return await work;
        }

        internal static async Task<TException> Throws<TException>(TimeSpan limit, Func<Task> work)
            where TException : Exception =>
            await Within(limit, Assert.ThrowsAnyAsync<TException>(work));
    }
}
