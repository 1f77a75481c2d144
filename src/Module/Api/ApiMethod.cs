namespace CapMonster.Api
{
    /// <summary>The API's methods. Read-only ones may be repeated freely; createTask may cost money.</summary>
    internal enum ApiMethod
    {
        CreateTask,
        GetTaskResult,
        GetBalance,
        ReportIncorrectImageCaptcha,
        ReportIncorrectTokenCaptcha,
        GetUserAgent,
    }

    /// <summary>The methods' names as the API spells them.</summary>
    internal static class ApiMethods
    {
        internal static string Name(ApiMethod method) => method switch
        {
            ApiMethod.CreateTask => "createTask",
            ApiMethod.GetTaskResult => "getTaskResult",
            ApiMethod.GetBalance => "getBalance",
            ApiMethod.ReportIncorrectImageCaptcha => "reportIncorrectImageCaptcha",
            ApiMethod.ReportIncorrectTokenCaptcha => "reportIncorrectTokenCaptcha",
            _ => "getUserAgent",
        };
    }
}
