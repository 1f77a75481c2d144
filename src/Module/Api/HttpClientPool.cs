using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Reflection;

namespace CapMonster.Api
{
    /// <summary>
    /// One HttpClient per process and proxy setting, shared by every runspace: connections are reused and the
    /// client is thread safe. Timeouts are per request (a linked token), so the client's own is infinite; answers
    /// are decompressed as the transport reads them, within its size cap.
    /// </summary>
    internal static class HttpClientPool
    {
        private static readonly ConcurrentDictionary<string, Lazy<HttpClient>> Clients = new(StringComparer.Ordinal);

        internal static string UserAgent { get; } = "CapMonster-PowerShell/" +
            (typeof(HttpClientPool).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
                ?? typeof(HttpClientPool).Assembly.GetName().Version?.ToString(3));

        internal static HttpClient Get(WebProxySettings proxy) =>
            Clients.GetOrAdd(proxy.PoolKey, _ => new Lazy<HttpClient>(() => Create(proxy))).Value;

        private static HttpClient Create(WebProxySettings proxy)
        {
#pragma warning disable CA2000 // The handler lives as long as the pooled client, which lives as long as the process.
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                UseCookies = false,
                // The transport decides which redirects to follow: never one that would take the key elsewhere.
                AllowAutoRedirect = false,
                // Windows PowerShell's default is 2 connections per server, far too few for many tasks at once.
                MaxConnectionsPerServer = 256,
            };
#pragma warning restore CA2000
            if (proxy.Address is not null)
            {
                handler.UseProxy = true;
                handler.Proxy = new WebProxy(proxy.Address) { Credentials = proxy.Credential };
            }
            var client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            return client;
        }
    }
}
