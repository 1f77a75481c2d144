using System.Management.Automation;
using CapMonster.Api;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows the connection CapMonster commands use here: where the key comes from, the service, the proxy, timeouts and retries.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CapMonsterConnection")]
    [OutputType(typeof(ConnectionInfo))]
    public sealed class GetCapMonsterConnectionCommand : CapMonsterApiCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            // The same resolution as a call with these parameters, without requiring a key: no key is a valid answer.
            SessionConnection? session = SessionStore.Current;
            (ApiKeySource source, ApiKey? key) = FindKey(ApiKey, session);
            ConnectionSettings settings = ResolveSettings(ApiKey, keyRequired: false);
            bool fromSession = source == ApiKeySource.Session;
            WriteObject(new ConnectionInfo(source, key, fromSession ? session!.SecretName : null, fromSession ? session!.Vault : null, settings));
        }
    }
}
