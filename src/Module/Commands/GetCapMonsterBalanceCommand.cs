using System.Management.Automation;
using CapMonster.Localization;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the account balance, in US dollars, as a number.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CapMonsterBalance")]
    [OutputType(typeof(decimal))]
    public sealed class GetCapMonsterBalanceCommand : CapMonsterApiCmdlet
    {
        /// <summary>Fails with BalanceBelowMinimum when the balance is lower: a CI step's guard.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public decimal Minimum { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            Api.CapMonsterClient client = CreateClient();
            decimal balance;
            try
            {
                balance = Run(client.GetBalanceAsync);
            }
            catch (CapMonsterException e)
            {
                ThrowCapMonsterError(e, client.Settings.MethodUri("getBalance"));
                return;
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Minimum)) && balance < Minimum)
            {
                ThrowCapMonsterError(CapMonsterException.FromModuleError(ModuleErrorId.BalanceBelowMinimum, Messages.BalanceBelowMinimum(balance, Minimum)), balance);
            }
            WriteObject(balance);
        }
    }
}
