using System;
using System.Management.Automation;
using System.Threading;

namespace CapMonster.Commands
{
    using System.Threading.Tasks;

    /// <summary>
    /// The base of every CapMonster cmdlet: cancellation on Ctrl+C, the one way errors reach the user, and running
    /// asynchronous work while writing its messages on the pipeline thread.
    /// </summary>
    public abstract class CapMonsterCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new();
        private PipelineQueue? queue;

        /// <summary>Cancelled when the user presses Ctrl+C; every wait and HTTP call observes it.</summary>
        internal CancellationToken StopToken => stopping.Token;

        /// <summary>Where background work posts what must be written on the pipeline thread.</summary>
        internal PipelineQueue Queue => queue ??= new PipelineQueue(this);

        /// <inheritdoc />
        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>Runs asynchronous work to its end, writing its verbose, debug and warning messages as they come.</summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            try
            {
                return Queue.Pump(work(StopToken));
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Whether ShouldProcess will show its text: -WhatIf, -Confirm or -Verbose given, or their preferences set.
        /// </summary>
        internal bool ShowsShouldProcess
        {
            get
            {
                if (MyInvocation.BoundParameters.ContainsKey("WhatIf") || MyInvocation.BoundParameters.ContainsKey("Confirm")
                    || MyInvocation.BoundParameters.ContainsKey("Verbose"))
                {
                    return true;
                }
                bool whatIf = GetVariableValue("WhatIfPreference") is SwitchParameter { IsPresent: true } or true;
                bool verbose = GetVariableValue("VerbosePreference") is ActionPreference v && v != ActionPreference.SilentlyContinue && v != ActionPreference.Ignore;
                bool confirm = GetVariableValue("ConfirmPreference") is ConfirmImpact c && c != ConfirmImpact.None && c <= ConfirmImpact.Low;
                return whatIf || verbose || confirm;
            }
        }

        /// <summary>
        /// Whether the stream of a common parameter (-Verbose, -Debug) is shown: the switch when given, else its
        /// preference variable; as PowerShell decides it when the cmdlet writes. Pipeline thread only.
        /// </summary>
        internal bool Shows(string parameter, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out object? given))
            {
                return given is SwitchParameter { IsPresent: true } or true;
            }
            return GetVariableValue(preferenceVariable) is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
        }

        /// <summary>Writes a non-terminating error for one input's failure.</summary>
        internal void WriteCapMonsterError(CapMonsterException exception, object? targetObject) =>
            WriteError(ErrorRecordFactory.Create(exception, targetObject));

        /// <summary>Stops the cmdlet with a terminating error when nothing can go on.</summary>
        protected void ThrowCapMonsterError(CapMonsterException exception, object? targetObject) =>
            ThrowTerminatingError(ErrorRecordFactory.Create(exception, targetObject));

        /// <summary>Releases the cancellation source and the queue.</summary>
        public void Dispose()
        {
            Dispose(disposing: true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Releases what a derived cmdlet holds; call the base.</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                // Cancelled first: background work still holding the token ends instead of meeting a disposed source.
                stopping.Cancel();
                stopping.Dispose();
                queue?.Dispose();
            }
        }
    }
}
