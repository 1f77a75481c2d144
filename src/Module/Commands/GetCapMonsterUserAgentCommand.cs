using System.Management.Automation;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the browser user agent the service currently expects in tasks.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CapMonsterUserAgent")]
    [OutputType(typeof(string))]
    public sealed class GetCapMonsterUserAgentCommand : CapMonsterConnectionCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            Api.CapMonsterClient client = CreateClient(ResolveSettings(null, keyRequired: false));
            try
            {
                WriteObject(Run(client.GetUserAgentAsync));
            }
            catch (CapMonsterException e)
            {
                ThrowCapMonsterError(e, client.Settings.UserAgentUri);
            }
        }
    }
}
