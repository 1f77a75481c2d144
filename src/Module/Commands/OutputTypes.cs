using System;
using CapMonster.Api;

namespace CapMonster
{
    /// <summary>Where the API key of a call comes from, in the order they are tried.</summary>
    internal enum ApiKeySource
    {
        /// <summary>No key anywhere: calls that need one fail with NoApiKey.</summary>
        None,

        /// <summary>The -ApiKey parameter of the call.</summary>
        Parameter,

        /// <summary>Connect-CapMonster in this session (given, prompted for, or read from a vault).</summary>
        Session,

        /// <summary>The CAPMONSTER_API_KEY environment variable.</summary>
        Environment,
    }

    /// <summary>
    /// The connection a call would use: where its key comes from (only its last four characters), the service, the
    /// web proxy, the timeout and the retries. Written by Get-CapMonsterConnection and Connect-CapMonster -PassThru.
    /// </summary>
    public sealed class ConnectionInfo
    {
        internal ConnectionInfo(ApiKeySource apiKeySource, ApiKey? key, string? secretName, string? vault, ConnectionSettings settings)
        {
            ApiKeySource = apiKeySource.ToString();
            ApiKeyLastFour = key?.LastFour;
            SecretName = secretName;
            Vault = vault;
            ServiceUri = settings.ServiceUri;
            TimeoutSec = (int)settings.Timeout.TotalSeconds;
            MaximumRetryCount = settings.MaximumRetryCount;
            RetryIntervalSec = (int?)settings.RetryInterval?.TotalSeconds;
            WebProxy = settings.Proxy.Address;
            WebProxyUserName = settings.Proxy.Credential?.UserName;
        }

        /// <summary>
        /// Where the key comes from: Parameter, Session, Environment or None. A name, not the enum, so that
        /// ConvertTo-Json and Export-Csv write the name.
        /// </summary>
        public string ApiKeySource { get; }

        /// <summary>The key's last four characters (empty for a key under 16 characters, null without a key).</summary>
        public string? ApiKeyLastFour { get; }

        /// <summary>The SecretManagement secret the session's key was read from, if it was.</summary>
        public string? SecretName { get; }

        /// <summary>The vault named with the secret, if one was.</summary>
        public string? Vault { get; }

        /// <summary>The API's base address.</summary>
        public Uri ServiceUri { get; }

        /// <summary>Seconds one request may take.</summary>
        public int TimeoutSec { get; }

        /// <summary>How many times a transient failure is retried.</summary>
        public int MaximumRetryCount { get; }

        /// <summary>Seconds before the first retry, doubling after; null: each error's delay from the catalog.</summary>
        public int? RetryIntervalSec { get; }

        /// <summary>The web proxy, or null for the system proxy.</summary>
        public Uri? WebProxy { get; }

        /// <summary>The user name given for the web proxy (never its password).</summary>
        public string? WebProxyUserName { get; }
    }

    /// <summary>Which API method a wrong answer is reported to.</summary>
    public enum CaptchaKind
    {
        /// <summary>Image captchas (ImageToText, ComplexImage): reportIncorrectImageCaptcha.</summary>
        Image,

        /// <summary>Token captchas (reCAPTCHA, GeeTest, Turnstile...): reportIncorrectTokenCaptcha.</summary>
        Token,
    }

    /// <summary>A wrong answer the service accepted as reported.</summary>
    public sealed class ReportResult
    {
        internal ReportResult(long taskId, CaptchaKind kind, string status)
        {
            TaskId = taskId;
            Kind = kind.ToString();
            Status = status;
        }

        /// <summary>The task whose answer was reported.</summary>
        public long TaskId { get; }

        /// <summary>Image or token captcha (the CaptchaKind's name).</summary>
        public string Kind { get; }

        /// <summary>The service's answer, "success" when it took the report.</summary>
        public string Status { get; }
    }
}
