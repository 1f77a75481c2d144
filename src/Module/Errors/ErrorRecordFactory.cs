using System.Management.Automation;
using CapMonster.Api;

namespace CapMonster
{
    /// <summary>Turns a <see cref="CapMonsterException"/> into the ErrorRecord every cmdlet writes.</summary>
    internal static class ErrorRecordFactory
    {
        /// <summary>
        /// ErrorId is the API code (or the local id), the category comes from the catalog, ErrorDetails carries the
        /// localized message and RecommendedAction, TargetObject is the task or request concerned (a raw task's
        /// secrets masked, since records end up in $Error, logs and transcripts).
        /// </summary>
        internal static ErrorRecord Create(CapMonsterException exception, object? targetObject) =>
            new(exception, exception.ErrorId, exception.Category, Redaction.SafeTarget(targetObject))
            {
                ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction },
            };
    }
}
