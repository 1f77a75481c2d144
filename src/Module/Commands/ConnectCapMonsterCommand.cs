using System.Management.Automation;
using System.Security;
using CapMonster.Localization;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Keeps the API key and connection settings for the rest of the session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CapMonster", SupportsShouldProcess = false)]
    [OutputType(typeof(ConnectionInfo))]
    public sealed class ConnectCapMonsterCommand : CapMonsterConnectionCmdlet
    {
        /// <summary>The API key; PowerShell prompts for it, masked, when it is not given.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public SecureString ApiKey { get; set; } = new();

        /// <summary>Writes the kept settings (never the key).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            // Resolving checks the URI and the web proxy now, so a bad one fails here rather than at the first call.
            Api.ConnectionSettings settings = ResolveSettings(ApiKey, keyRequired: true, useSession: false);
            var connection = new SessionConnection
            {
                ApiKey = ApiKey.Copy(),
                ServiceUri = MyInvocation.BoundParameters.ContainsKey(nameof(ServiceUri)) ? settings.ServiceUri : null,
                TimeoutSec = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeoutSec : null,
                MaximumRetryCount = MyInvocation.BoundParameters.ContainsKey(nameof(MaximumRetryCount)) ? MaximumRetryCount : null,
                RetryIntervalSec = MyInvocation.BoundParameters.ContainsKey(nameof(RetryIntervalSec)) ? RetryIntervalSec : null,
                WebProxy = WebProxy,
                WebProxyCredential = WebProxyCredential,
            };
            connection.ApiKey.MakeReadOnly();
            SessionStore.Set(connection);
            WriteVerbose(Messages.ConnectTarget(settings.ServiceUri));
            if (PassThru)
            {
                WriteObject(new ConnectionInfo(settings.ServiceUri, (int)settings.Timeout.TotalSeconds, settings.MaximumRetryCount, settings.Proxy.Address)
                {
                    RetryIntervalSec = (int?)settings.RetryInterval?.TotalSeconds,
                });
            }
        }
    }
}
