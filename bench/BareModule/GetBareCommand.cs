using System.Management.Automation;

namespace BareModule
{
    /// <summary>Writes one object with a table view: the least a compiled cmdlet with formatted output can do.</summary>
    [Cmdlet(VerbsCommon.Get, "Bare")]
    [OutputType(typeof(BareResult))]
    public sealed class GetBareCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void ProcessRecord() => WriteObject(new BareResult(1));
    }

    /// <summary>What Get-Bare writes; BareModule.Format.ps1xml has its one table view.</summary>
    public sealed class BareResult
    {
        internal BareResult(int value) => Value = value;

        /// <summary>The number.</summary>
        public int Value { get; }
    }
}
