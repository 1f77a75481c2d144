using System.Management.Automation;

namespace CapMonster
{
    /// <summary>Turns a <see cref="CapMonsterException"/> into the ErrorRecord every cmdlet writes.</summary>
    internal static class ErrorRecordFactory
    {
        /// <summary>
        /// ErrorId is the API code (or the local id), the category comes from the catalog, ErrorDetails carries the
        /// localized message and RecommendedAction, TargetObject is the task or request concerned.
        /// </summary>
        internal static ErrorRecord Create(CapMonsterException exception, object? targetObject) =>
            new(exception, exception.ErrorId, exception.Category, targetObject)
            {
                ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = exception.RecommendedAction },
            };
    }
}
