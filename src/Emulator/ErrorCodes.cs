using System;
using System.Collections.Generic;

namespace CapMonster.Emulator;

/// <summary>An API error: the code the service sends and the human text that goes with it.</summary>
internal sealed record ApiError(string Code, string Description)
{
    /// <summary>An error with the built-in description of <paramref name="code"/>, plus an optional detail.</summary>
    public static ApiError Of(string code, string? detail = null)
    {
        string text = ErrorCodes.Describe(code);
        return new ApiError(code, detail is null ? text : text + " (" + detail + ")");
    }
}

/// <summary>The documented error codes and plausible server texts for them (reference §4).</summary>
internal static class ErrorCodes
{
    public const string KeyDoesNotExist = "ERROR_KEY_DOES_NOT_EXIST";
    public const string ZeroBalance = "ERROR_ZERO_BALANCE";
    public const string TooBigCaptchaFileSize = "ERROR_TOO_BIG_CAPTCHA_FILESIZE";
    public const string ZeroCaptchaFileSize = "ERROR_ZERO_CAPTCHA_FILESIZE";
    public const string NoSuchCaptchaId = "ERROR_NO_SUCH_CAPCHA_ID";
    public const string WrongCaptchaId = "WRONG_CAPTCHA_ID";
    public const string CaptchaUnsolvable = "ERROR_CAPTCHA_UNSOLVABLE";
    public const string CaptchaNotReady = "CAPTCHA_NOT_READY";
    public const string IpNotAllowed = "ERROR_IP_NOT_ALLOWED";
    public const string IpBanned = "ERROR_IP_BANNED";
    public const string NoSuchMethod = "ERROR_NO_SUCH_METHOD";
    public const string TooMuchRequests = "ERROR_TOO_MUCH_REQUESTS";
    public const string DomainNotAllowed = "ERROR_DOMAIN_NOT_ALLOWED";
    public const string TokenExpired = "ERROR_TOKEN_EXPIRED";
    public const string NoSlotAvailable = "ERROR_NO_SLOT_AVAILABLE";
    public const string InvalidSiteKey = "ERROR_RECAPTCHA_INVALID_SITEKEY";
    public const string InvalidDomain = "ERROR_RECAPTCHA_INVALID_DOMAIN";
    public const string RecaptchaTimeout = "ERROR_RECAPTCHA_TIMEOUT";
    public const string IpBlocked = "ERROR_IP_BLOCKED";
    public const string ProxyConnectRefused = "ERROR_PROXY_CONNECT_REFUSED";
    public const string ProxyBanned = "ERROR_PROXY_BANNED";
    public const string ProxyMissing = "ERROR_PROXY_MISSING";
    public const string ProxyNotAuthorised = "ERROR_PROXY_NOT_AUTHORISED";
    public const string ProxyReadTimeout = "ERROR_PROXY_READ_TIMEOUT";
    public const string TaskNotSupported = "ERROR_TASK_NOT_SUPPORTED";
    public const string TaskAbsent = "ERROR_TASK_ABSENT";
    public const string WrongUserAgent = "ERROR_WRONG_USERAGENT";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [KeyDoesNotExist] = "Account authorization key not found in the system or has incorrect format",
        [ZeroBalance] = "Account has zero or negative balance",
        [TooBigCaptchaFileSize] = "Size of the captcha you are uploading is more than 50,000 bytes.",
        [ZeroCaptchaFileSize] = "Size of the captcha you are uploading is less than 100 bytes.",
        [NoSuchCaptchaId] = "The captcha you are requesting does not exist in your current captchas list or has been expired. Captchas are removed from API after 5 minutes after upload.",
        [WrongCaptchaId] = "The captcha you are requesting does not exist in your current captchas list or has been expired.",
        [CaptchaUnsolvable] = "This type of captchas is not supported by the service or the image does not contain an answer, perhaps it is too noisy. It could also mean that the image is corrupted or was incorrectly rendered.",
        [CaptchaNotReady] = "Captcha is not ready yet",
        [IpNotAllowed] = "Request with current account key is not allowed from your IP. Please refer to IP list section",
        [IpBanned] = "You have exceeded the limit of requests with the wrong api key, check the correctness of the api key in the control panel and after some time, try again",
        [NoSuchMethod] = "This method is not supported or empty",
        [TooMuchRequests] = "You have exceeded the limit of requests to receive an answer for one task. Try to request the result of the task no more than 1 time in 2 seconds.",
        [DomainNotAllowed] = "Captcha from some domains cannot be solved in CapMonster Cloud",
        [TokenExpired] = "Captcha provider server reported that the additional token has expired. Try creating task with a new token.",
        [NoSlotAvailable] = "No idle servers are available at the moment, please try a bit later",
        [InvalidSiteKey] = "Invalid sitekey",
        [InvalidDomain] = "Invalid domain for sitekey",
        [RecaptchaTimeout] = "Recaptcha solving timeout, probably due to a slow proxy server or Google server",
        [IpBlocked] = "Access to the API from this IP is blocked due to a large number of errors",
        [ProxyConnectRefused] = "Failed to connect to the proxy server, connection timeout",
        [ProxyBanned] = "The proxy IP is banned on the target captcha service",
        [ProxyMissing] = "Proxy is required for this task but proxy fields are missing or proxyType is invalid",
        [ProxyNotAuthorised] = "Proxy rejected the login or password",
        [ProxyReadTimeout] = "Proxy read timeout, check proxyAddress and proxyPort",
        [TaskNotSupported] = "The task type is not supported or specified incorrectly. Check the \"type\" property in the task object",
        [TaskAbsent] = "Task object not found or invalid JSON sent in createTask request",
        [WrongUserAgent] = "Invalid or outdated User Agent, get the current one from the getUserAgent method",
    };

    /// <summary>
    /// The documented codes: the one list every test holds the module's catalog to (xunit reads it here, Pester
    /// from <c>GET /emulator/errors</c>).
    /// </summary>
    public static IReadOnlyCollection<string> Documented => Descriptions.Keys;

    /// <summary>The built-in text for a code; unknown codes get a generic text naming them.</summary>
    public static string Describe(string code) =>
        Descriptions.TryGetValue(code, out string? text) ? text : "Error " + code;

    /// <summary>
    /// HTTP status for an API error. 200 unless "observed statuses" are on, in which case the
    /// statuses seen from the live service are used (reference §1.2).
    /// </summary>
    public static int HttpStatus(string code, bool observed)
    {
        if (!observed)
        {
            return 200;
        }

        return code switch
        {
            KeyDoesNotExist => 403,
            ZeroBalance => 402,
            TooMuchRequests => 429,
            _ => 200,
        };
    }
}
