using System;

namespace CapMonster
{
    /// <summary>What Connect-CapMonster keeps for the session (never the key itself).</summary>
    public sealed class ConnectionInfo
    {
        internal ConnectionInfo(Uri serviceUri, int timeoutSec, int maximumRetryCount, Uri? webProxy)
        {
            ServiceUri = serviceUri;
            TimeoutSec = timeoutSec;
            MaximumRetryCount = maximumRetryCount;
            WebProxy = webProxy;
        }

        /// <summary>The API's base address.</summary>
        public Uri ServiceUri { get; }

        /// <summary>Seconds one request may take.</summary>
        public int TimeoutSec { get; }

        /// <summary>How many times a transient failure is retried.</summary>
        public int MaximumRetryCount { get; }

        /// <summary>Seconds before the first retry, doubling after; null: each error's delay from the catalog.</summary>
        public int? RetryIntervalSec { get; internal set; }

        /// <summary>The web proxy, or null for the system proxy.</summary>
        public Uri? WebProxy { get; }
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
