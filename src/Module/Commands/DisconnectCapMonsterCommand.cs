using System.Management.Automation;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Forgets the API key and settings kept by Connect-CapMonster.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CapMonster")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCapMonsterCommand : CapMonsterCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing() => SessionStore.Clear();
    }
}
