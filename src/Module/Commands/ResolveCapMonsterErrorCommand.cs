using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CapMonster.Localization;

namespace CapMonster.Commands
{
    /// <summary>
    /// <para type="synopsis">Explains a CapMonster error: what it means, what to do, whether retrying helps.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "CapMonsterError", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ErrorInfo))]
    public sealed class ResolveCapMonsterErrorCommand : CapMonsterCmdlet
    {
        private const string ListSet = "List";
        private const string CodeSet = "Code";
        private const string ErrorRecordSet = "ErrorRecord";
        private const string ExceptionSet = "Exception";

        /// <summary>A code, alias or title: case-insensitive, the ERROR_ prefix optional.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CodeSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ErrorCodeCompleter))]
        [ValidateNotNullOrEmpty]
        [Alias("ErrorCode")]
        public string[] Code { get; set; } = Array.Empty<string>();

        /// <summary>An error record written by a CapMonster cmdlet, e.g. <c>$Error[0]</c> or <c>$_</c> in a catch block.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ErrorRecordSet, ValueFromPipeline = true)]
        public ErrorRecord? ErrorRecord { get; set; }

        /// <summary>An exception thrown by a CapMonster cmdlet.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExceptionSet, ValueFromPipeline = true)]
        public Exception? Exception { get; set; }

        /// <summary>Lists only the entries of these categories.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ErrorCategory[] Category { get; set; } = Array.Empty<ErrorCategory>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case CodeSet:
                    foreach (string code in Code)
                    {
                        WriteEntry(ErrorCatalog.Default.Find(code), code, serverDescription: null);
                    }
                    break;
                case ErrorRecordSet:
                    ResolveException(ErrorRecord!.Exception, ErrorRecord);
                    break;
                case ExceptionSet:
                    ResolveException(Exception!, Exception!);
                    break;
                default:
                    foreach (ErrorInfo entry in ErrorCatalog.Default.AllEntries.Where(e => Category.Length == 0 || Category.Contains(e.Category)))
                    {
                        WriteObject(entry);
                    }
                    break;
            }
        }

        private void ResolveException(Exception exception, object input)
        {
            // Errors from ForEach-Object -Parallel or jobs arrive wrapped; the CapMonster one is inside.
            CapMonsterException? capMonster = FindCapMonsterException(exception);
            if (capMonster is null)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException(Messages.NotCapMonsterError(exception.GetType().FullName!)),
                    "NotCapMonsterError", ErrorCategory.InvalidArgument, input)
                {
                    ErrorDetails = new ErrorDetails(Messages.NotCapMonsterError(exception.GetType().FullName!))
                    {
                        RecommendedAction = Strings.NotCapMonsterErrorAction,
                    },
                });
                return;
            }
            WriteEntry(capMonster.Entry ?? ErrorCatalog.Default.Find(capMonster.ErrorCode), capMonster.ErrorCode, capMonster.ServerDescription);
        }

        private static CapMonsterException? FindCapMonsterException(Exception? exception)
        {
            for (Exception? e = exception; e is not null; e = e.InnerException)
            {
                if (e is CapMonsterException found)
                {
                    return found;
                }
            }
            return null;
        }

        private void WriteEntry(ErrorInfo? entry, string code, string? serverDescription)
        {
            if (entry is not null)
            {
                WriteObject(entry);
                return;
            }
            string message = Messages.UnknownErrorCode(code, serverDescription);
            WriteError(new ErrorRecord(new ItemNotFoundException(message), "UnknownErrorCode", ErrorCategory.ObjectNotFound, code)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = ErrorCatalog.Default.GenericAction },
            });
        }
    }

    /// <summary>
    /// Completes -Code with the catalog's API codes and aliases and the module's own error ids, matching with or
    /// without the ERROR_ prefix; the tooltip is the title in the current UI culture.
    /// </summary>
    public sealed class ErrorCodeCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
            var bare = WildcardPattern.Get("ERROR_" + word + "*", WildcardOptions.IgnoreCase);
            foreach (ErrorInfo entry in ErrorCatalog.Default.AllEntries)
            {
                foreach (string code in entry.Aliases.Prepend(entry.Code).Where(c => pattern.IsMatch(c) || bare.IsMatch(c)))
                {
                    yield return new CompletionResult(code, code, CompletionResultType.ParameterValue, entry.Title);
                }
            }
        }
    }
}
