using System;
using System.Management.Automation;
using System.Security;
using CapMonster.Api;
using CapMonster.Localization;

namespace CapMonster.Commands
{
    /// <summary>
    /// The base of cmdlets that talk to the service: where it is and how to reach it. Each value comes from the
    /// parameter, else from Connect-CapMonster's session, else from the environment, else the default.
    /// </summary>
    public abstract class CapMonsterConnectionCmdlet : CapMonsterCmdlet
    {
        internal const string ApiKeyVariable = "CAPMONSTER_API_KEY";
        internal const string ServiceUriVariable = "CAPMONSTER_SERVICE_URI";

        /// <summary>The API's base address; https, or http to a loopback address such as the emulator.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? ServiceUri { get; set; }

        /// <summary>Seconds one request may take before it fails with RequestTimeout.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = (int)ConnectionSettings.DefaultTimeout.TotalSeconds;

        /// <summary>How many times a transient failure is retried.</summary>
        [Parameter]
        [Alias("MaxRetries")]
        [ValidateRange(0, 10)]
        public int MaximumRetryCount { get; set; } = ConnectionSettings.DefaultMaximumRetryCount;

        /// <summary>Seconds before the first retry, doubling after; without it, each error's delay from the catalog.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int RetryIntervalSec { get; set; }

        /// <summary>The web proxy to reach the API through; without it the system proxy is used.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? WebProxy { get; set; }

        /// <summary>Credentials for the web proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? WebProxyCredential { get; set; }

        /// <summary>Whether the caller gave the parameter (pipeline input included).</summary>
        internal bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>
        /// The settings for this call; a terminating error when the key is required and missing, or the URI unsafe.
        /// Without <paramref name="useSession"/> the session's values are ignored (Connect-CapMonster starts afresh).
        /// </summary>
        internal ConnectionSettings ResolveSettings(SecureString? keyParameter, bool keyRequired, bool useSession = true)
        {
            SessionConnection? session = useSession ? SessionStore.Current : null;
            ApiKey? key = keyRequired ? ResolveKey(keyParameter, session) : null;
            Uri serviceUri = ResolveServiceUri(session);
            int timeout = IsBound(nameof(TimeoutSec)) ? TimeoutSec
                : session?.TimeoutSec ?? (int)ConnectionSettings.DefaultTimeout.TotalSeconds;
            int retries = IsBound(nameof(MaximumRetryCount)) ? MaximumRetryCount : session?.MaximumRetryCount ?? MaximumRetryCount;
            int? retryInterval = IsBound(nameof(RetryIntervalSec)) ? RetryIntervalSec : session?.RetryIntervalSec;
            return new ConnectionSettings(
                key, serviceUri, TimeSpan.FromSeconds(timeout), retries, ResolveWebProxy(session),
                retryInterval is null ? null : TimeSpan.FromSeconds(retryInterval.Value));
        }

        /// <summary>The web proxy from the parameters or the session; a terminating InvalidWebProxy when it cannot be one.</summary>
        private WebProxySettings ResolveWebProxy(SessionConnection? session)
        {
            Uri? proxy = IsBound(nameof(WebProxy)) ? WebProxy : session?.WebProxy;
            PSCredential? credential = IsBound(nameof(WebProxyCredential)) ? WebProxyCredential : session?.WebProxyCredential;
            if (proxy is null)
            {
                if (credential is not null)
                {
                    ThrowCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.InvalidWebProxy, Strings.WebProxyCredentialWithoutProxy), null);
                }
                return WebProxySettings.System;
            }
            if (WebProxySettings.Problem(proxy) is { } problem)
            {
                ThrowCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.InvalidWebProxy, problem), Redaction.HideUserInfo(proxy.OriginalString));
            }
            return new WebProxySettings(proxy, credential?.GetNetworkCredential());
        }

        private ApiKey ResolveKey(SecureString? keyParameter, SessionConnection? session)
        {
            ApiKey? key = FindKey(keyParameter, session).Key;
            if (key is null)
            {
                ThrowCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.NoApiKey, Strings.NoApiKey), null);
            }
            return key!;
        }

        /// <summary>The key of this call and where it comes from: the parameter, the session, the environment; (None, null) without one.</summary>
        internal static (ApiKeySource Source, ApiKey? Key) FindKey(SecureString? keyParameter, SessionConnection? session)
        {
            if (keyParameter is { Length: > 0 })
            {
                return (ApiKeySource.Parameter, new ApiKey(keyParameter));
            }
            if (session?.ApiKey is { Length: > 0 } sessionKey)
            {
                return (ApiKeySource.Session, new ApiKey(sessionKey));
            }
            string? environmentKey = Environment.GetEnvironmentVariable(ApiKeyVariable);
            if (!string.IsNullOrWhiteSpace(environmentKey))
            {
                return (ApiKeySource.Environment, ApiKey.FromPlainText(environmentKey!));
            }
            return (ApiKeySource.None, null);
        }

        private Uri ResolveServiceUri(SessionConnection? session)
        {
            Uri? given = IsBound(nameof(ServiceUri)) ? ServiceUri : session?.ServiceUri;
            string? fromEnvironment = Environment.GetEnvironmentVariable(ServiceUriVariable);
            if (given is null && !string.IsNullOrWhiteSpace(fromEnvironment))
            {
                Uri.TryCreate(fromEnvironment!.Trim(), UriKind.Absolute, out given);
                given ??= new Uri(fromEnvironment.Trim(), UriKind.Relative);
            }
            if (given is null)
            {
                return ConnectionSettings.DefaultServiceUri;
            }
            return ConnectionSettings.NormalizeServiceUri(given) ?? ThrowInsecureServiceUri(given);
        }

        internal Uri ThrowInsecureServiceUri(Uri given)
        {
            string shown = Redaction.HideUserInfo(given.OriginalString);
            ThrowCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.InsecureServiceUri, Messages.InsecureServiceUri(shown)), shown);
            throw new InvalidOperationException(); // not reached: ThrowTerminatingError throws
        }

        /// <summary>A client for this call, writing its messages through the pipeline queue.</summary>
        internal CapMonsterClient CreateClient(ConnectionSettings settings) => new(settings, Queue);
    }

    /// <summary>The base of cmdlets that need the API key: -ApiKey overrides the session's and the environment's.</summary>
    public abstract class CapMonsterApiCmdlet : CapMonsterConnectionCmdlet
    {
        /// <summary>The API key for this call only.</summary>
        [Parameter]
        [ValidateNotNull]
        public SecureString? ApiKey { get; set; }

        /// <summary>A client with the resolved key and connection settings.</summary>
        internal CapMonsterClient CreateClient() => CreateClient(ResolveSettings(ApiKey, keyRequired: true));
    }
}
