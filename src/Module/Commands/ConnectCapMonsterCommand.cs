using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Security;
using CapMonster.Api;
using CapMonster.Localization;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Keeps the API key and connection settings for the rest of the session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CapMonster", DefaultParameterSetName = KeySet, SupportsShouldProcess = false)]
    [OutputType(typeof(ConnectionInfo))]
    public sealed class ConnectCapMonsterCommand : CapMonsterConnectionCmdlet
    {
        private const string KeySet = "ApiKey";
        private const string SecretSet = "Secret";

        // Module-qualified, so only SecretManagement's own Get-Secret is taken; PowerShell imports the module on first use.
        private const string GetSecretCommand = "Microsoft.PowerShell.SecretManagement\\Get-Secret";

        /// <summary>The API key; PowerShell prompts for it, masked, when it is not given.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = KeySet)]
        [ValidateNotNull]
        public SecureString ApiKey { get; set; } = new();

        /// <summary>The name of the SecretManagement secret that holds the key (a SecureString or String secret).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        [ValidateNotNullOrEmpty]
        public string SecretName { get; set; } = string.Empty;

        /// <summary>The vault to read the secret from; without it Get-Secret searches every registered vault.</summary>
        [Parameter(ParameterSetName = SecretSet)]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        /// <summary>Checks the key with one getBalance call before keeping it; nothing is kept when the check fails.</summary>
        [Parameter]
        public SwitchParameter Validate { get; set; }

        /// <summary>Writes the kept settings (never the key).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            SecureString key = ParameterSetName == SecretSet ? ReadSecret() : ApiKey;
            // Resolving checks the URI and the web proxy now, so a bad one fails here rather than at the first call.
            ConnectionSettings settings = ResolveSettings(key, keyRequired: true, useSession: false);
            if (Validate)
            {
                CheckKey(settings);
            }
            var connection = new SessionConnection
            {
                ApiKey = key.Copy(),
                SecretName = ParameterSetName == SecretSet ? SecretName : null,
                Vault = Vault,
                ServiceUri = IsBound(nameof(ServiceUri)) ? settings.ServiceUri : null,
                TimeoutSec = IsBound(nameof(TimeoutSec)) ? TimeoutSec : null,
                MaximumRetryCount = IsBound(nameof(MaximumRetryCount)) ? MaximumRetryCount : null,
                RetryIntervalSec = IsBound(nameof(RetryIntervalSec)) ? RetryIntervalSec : null,
                WebProxy = WebProxy,
                WebProxyCredential = WebProxyCredential,
            };
            connection.ApiKey.MakeReadOnly();
            SessionStore.Set(connection);
            WriteVerbose(Messages.ConnectTarget(settings.ServiceUri));
            if (PassThru)
            {
                WriteObject(new ConnectionInfo(ApiKeySource.Session, settings.Key, connection.SecretName, connection.Vault, settings));
            }
        }

        /// <summary>One getBalance with the new settings: a wrong key or an unreachable service stops Connect before anything is kept.</summary>
        private void CheckKey(ConnectionSettings settings)
        {
            CapMonsterClient client = CreateClient(settings);
            try
            {
                decimal balance = Run(client.GetBalanceAsync);
                WriteVerbose(Messages.KeyValidated(balance));
            }
            catch (CapMonsterException e)
            {
                ThrowCapMonsterError(e, settings.MethodUri("getBalance"));
            }
        }

        /// <summary>The key from SecretManagement's Get-Secret, which returns String and SecureString secrets alike as a SecureString.</summary>
        private SecureString ReadSecret()
        {
            CommandInfo? getSecret = InvokeCommand.GetCommand(GetSecretCommand, CommandTypes.Cmdlet | CommandTypes.Function);
            if (getSecret is null)
            {
                ThrowCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.SecretManagementNotInstalled, Strings.SecretManagementNotInstalled), SecretName);
            }

            using PowerShell powerShell = PowerShell.Create(RunspaceMode.CurrentRunspace);
            powerShell.AddCommand(getSecret).AddParameter("Name", SecretName);
            if (Vault is not null)
            {
                powerShell.AddParameter("Vault", Vault);
            }
            Collection<PSObject> output;
            try
            {
                output = powerShell.Invoke();
            }
            catch (RuntimeException e)
            {
                ThrowCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.SecretNotFound, Messages.SecretNotFound(SecretName, Vault, e.Message), e), SecretName);
                throw; // not reached: ThrowTerminatingError throws
            }
            if (output.Count == 0)
            {
                string reason = powerShell.Streams.Error.FirstOrDefault()?.ToString() ?? Strings.SecretEmpty;
                ThrowCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.SecretNotFound, Messages.SecretNotFound(SecretName, Vault, reason)), SecretName);
            }
            object? secret = output[0]?.BaseObject;
            if (secret is not SecureString { Length: > 0 } key)
            {
                ThrowCapMonsterError(
                    CapMonsterException.FromModuleError(ModuleErrorId.SecretNotUsable, Messages.SecretNotUsable(SecretName, secret?.GetType().FullName ?? "null")),
                    SecretName);
                return null!; // not reached: ThrowTerminatingError throws
            }
            return key;
        }
    }
}
