using System;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CapMonster.Api
{
    /// <summary>Where and how to reach the service: resolved once per cmdlet call from parameters, session and environment.</summary>
    internal sealed class ConnectionSettings
    {
        internal static readonly Uri DefaultServiceUri = new("https://api.capmonster.cloud/");
        internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
        internal const int DefaultMaximumRetryCount = 3;

        // The real service answers getUserAgent on its web host, not on the API host.
        private const string OfficialApiHost = "api.capmonster.cloud";
        private static readonly Uri OfficialUserAgentUri = new("https://capmonster.cloud/api/useragent/actual");

        internal ConnectionSettings(ApiKey? key, Uri serviceUri, TimeSpan timeout, int maximumRetryCount, WebProxySettings proxy, TimeSpan? retryInterval = null)
        {
            Key = key;
            ServiceUri = serviceUri;
            Timeout = timeout;
            MaximumRetryCount = maximumRetryCount;
            Proxy = proxy;
            RetryInterval = retryInterval;
        }

        /// <summary>Null only for calls that need no key (the user agent).</summary>
        internal ApiKey? Key { get; }

        /// <summary>The API's base address, always ending with a slash.</summary>
        internal Uri ServiceUri { get; }

        internal TimeSpan Timeout { get; }

        internal int MaximumRetryCount { get; }

        /// <summary>The pause before the first retry (-RetryIntervalSec); null: the catalog's delay for each error.</summary>
        internal TimeSpan? RetryInterval { get; }

        internal WebProxySettings Proxy { get; }

        internal Uri MethodUri(string method) => new(ServiceUri, method);

        /// <summary>The same settings with another retry count (the waiter retries polls itself, on its schedule).</summary>
        internal ConnectionSettings WithMaximumRetryCount(int maximumRetryCount) => new(Key, ServiceUri, Timeout, maximumRetryCount, Proxy, RetryInterval);

        /// <summary>The same settings with another per-request timeout.</summary>
        internal ConnectionSettings WithTimeout(TimeSpan timeout) => new(Key, ServiceUri, timeout, MaximumRetryCount, Proxy, RetryInterval);

        internal Uri UserAgentUri => string.Equals(ServiceUri.Host, OfficialApiHost, StringComparison.OrdinalIgnoreCase)
            ? OfficialUserAgentUri
            : new Uri(ServiceUri, "api/useragent/actual");

        /// <summary>
        /// The service URI as the module uses it (with a trailing slash), or null when it is not absolute, not https,
        /// http to anything but a loopback address such as the local emulator, or carries a user name or password
        /// (which every message and output showing the URI would then reveal).
        /// </summary>
        internal static Uri? NormalizeServiceUri(Uri? uri)
        {
            if (uri is null || !uri.IsAbsoluteUri || uri.UserInfo.Length > 0)
            {
                return null;
            }
            bool secure = uri.Scheme == Uri.UriSchemeHttps;
            bool localHttp = uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
            if (!secure && !localHttp)
            {
                return null;
            }
            string text = uri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }
    }

    /// <summary>The web proxy used to reach the API: none given means the system proxy.</summary>
    internal sealed class WebProxySettings
    {
        internal static readonly WebProxySettings System = new(null, null);

        // What HttpClient takes as a proxy (Windows PowerShell's .NET Framework only http; the check happens there at send).
        private static readonly string[] Schemes = ["http", "https", "socks4", "socks4a", "socks5"];

        internal WebProxySettings(Uri? address, NetworkCredential? credential)
        {
            Address = address;
            Credential = credential;
        }

        internal Uri? Address { get; }

        internal NetworkCredential? Credential { get; }

        /// <summary>
        /// Why <paramref name="address"/> cannot be a web proxy (shown without its user info), or null when it can:
        /// an absolute URI of a proxy scheme with a host, no path and no user info (credentials go in -WebProxyCredential).
        /// </summary>
        internal static string? Problem(Uri address)
        {
            string shown = Redaction.HideUserInfo(address.OriginalString);
            if (!address.IsAbsoluteUri || Array.IndexOf(Schemes, address.Scheme) < 0 || address.Host.Length == 0
                || address.AbsolutePath.Trim('/').Length > 0 || address.Query.Length > 0)
            {
                return Localization.Messages.NotAWebProxy(shown);
            }
            return address.UserInfo.Length > 0 ? Localization.Messages.WebProxyUserInfo(shown) : null;
        }

        /// <summary>Identifies the settings for sharing one HttpClient per distinct proxy; the password only as a hash.</summary>
        internal string PoolKey
        {
            get
            {
                if (Address is null)
                {
                    return "system";
                }
                using var sha = SHA256.Create();
                string password = Credential?.Password ?? string.Empty;
                string hash = Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(password)));
                return $"{Address}|{Credential?.Domain}\\{Credential?.UserName}|{hash}";
            }
        }
    }
}
