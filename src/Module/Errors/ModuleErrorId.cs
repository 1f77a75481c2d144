namespace CapMonster
{
    /// <summary>
    /// The ids of the module's own failures, one per entry of the catalog's moduleErrors, so a misspelt id fails to
    /// compile (a test holds this list and the catalog to each other).
    /// </summary>
    internal enum ModuleErrorId
    {
        NoApiKey,
        SecretManagementNotInstalled,
        SecretNotFound,
        SecretNotUsable,
        InsecureServiceUri,
        InvalidWebProxy,
        RequestTimeout,
        ConnectionFailed,
        InvalidResponse,
        HttpError,
        UnsafeRedirect,
        TaskCreationUncertain,
        BalanceBelowMinimum,
        ReportKindUnknown,
        UnknownTaskType,
        MissingTaskField,
        UnexpectedTaskField,
        InvalidTaskField,
        ImageFileNotFound,
        UnsupportedTaskInput,
        TaskFailed,
        TaskTimeout,
        PollLimitReached,
    }
}
