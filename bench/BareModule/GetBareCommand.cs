using System.Management.Automation;

namespace BareModule
{
    /// <summary>Writes one number: the least a compiled cmdlet can do.</summary>
    [Cmdlet(VerbsCommon.Get, "Bare")]
    [OutputType(typeof(int))]
    public sealed class GetBareCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(1);
    }
}
