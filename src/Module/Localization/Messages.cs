namespace CapMonster.Localization
{
    /// <summary>
    /// The module's own messages, English and Russian side by side. Catalog text lives in ErrorCatalog.json.
    /// </summary>
    internal static class Messages
    {
        internal static string NotCapMonsterError(string exceptionType) => Language.Pick(
            $"This error did not come from CapMonster (its exception is {exceptionType}), so the catalog cannot explain it.",
            $"Эта ошибка возникла не в модуле CapMonster (исключение {exceptionType}), в каталоге ошибок её нет.");

        internal static string NotCapMonsterErrorAction => Language.Pick(
            "Pass an error written by a CapMonster cmdlet, or a code: Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE.",
            "Передайте ошибку, которую вернул командлет CapMonster, или код: Resolve-CapMonsterError -Code ERROR_ZERO_BALANCE.");

        internal static string UnknownErrorCode(string code, string? serverDescription) => string.IsNullOrWhiteSpace(serverDescription)
            ? Language.Pick(
                $"'{code}' is not in the CapMonster error catalog.",
                $"Кода «{code}» нет в каталоге ошибок CapMonster.")
            : Language.Pick(
                $"'{code}' is not in the CapMonster error catalog. The service said: {serverDescription}",
                $"Кода «{code}» нет в каталоге ошибок CapMonster. Ответ сервиса: {serverDescription}");
    
        internal static string RequestTimedOut(string method, System.Uri uri, double seconds) => Language.Pick(
            $"{method} to {uri} got no answer within {seconds:0.###} s.",
            $"Запрос {method} к {uri} не получил ответа за {seconds:0.###} с.");

        internal static string ConnectionFailed(string method, System.Uri uri, string detail) => Language.Pick(
            $"{method} to {uri} failed: the connection could not be made or was broken ({detail}).",
            $"Запрос {method} к {uri} не выполнен: не удалось подключиться или соединение оборвалось ({detail}).");

        internal static string InvalidResponse(string method, int status, string reason, string snippet) => Language.Pick(
            $"The answer to {method} (HTTP {status}) could not be read: {reason}. It begins: {snippet}",
            $"Ответ на {method} (HTTP {status}) не удалось разобрать: {reason}. Начало ответа: {snippet}");

        internal static string EmptyBody => Language.Pick("it is empty", "он пустой");

        internal static string NotJson => Language.Pick("it is not JSON or is cut off", "это не JSON или ответ оборван");

        internal static string MissingField(string field) => Language.Pick(
            $"it has no '{field}'",
            $"в нём нет поля «{field}»");

        internal static string HttpError(string method, int status, string reason, string snippet) => Language.Pick(
            $"{method} failed with HTTP {status} {reason} and no CapMonster error code. The answer begins: {snippet}",
            $"Запрос {method} завершился с HTTP {status} {reason} без кода ошибки CapMonster. Начало ответа: {snippet}");

        internal static string Retrying(string method, double seconds, int retry, int maxRetries, string reason) => Language.Pick(
            $"Retrying {method} in {seconds:0.0} s (retry {retry} of {maxRetries}): {reason}",
            $"Повтор {method} через {seconds:0.0} с (попытка {retry} из {maxRetries}): {reason}");

        internal static string CallSummary(string verb, System.Uri uri, int status, long milliseconds) =>
            $"{verb} {uri} -> HTTP {status} ({milliseconds} ms)";

        internal static string RequestBody(string method, string body) => Language.Pick(
            $"{method} request: {body}",
            $"Запрос {method}: {body}");

        internal static string ResponseBody(string method, string body) => Language.Pick(
            $"{method} answer: {body}",
            $"Ответ на {method}: {body}");
    
        internal static string NoApiKey => Language.Pick(
            "No CapMonster API key: pass -ApiKey, run Connect-CapMonster, or set the CAPMONSTER_API_KEY environment variable.",
            "Не задан API-ключ CapMonster: передайте -ApiKey, выполните Connect-CapMonster или задайте переменную окружения CAPMONSTER_API_KEY.");

        internal static string InsecureServiceUri(string uri) => Language.Pick(
            $"'{uri}' cannot be the service URI: it must be an absolute https URI, or http to a loopback address such as the local emulator.",
            $"«{uri}» не подходит как адрес сервиса: нужен абсолютный URI со схемой https или http на адрес обратной петли, например локального эмулятора.");

        internal static string BalanceBelowMinimum(decimal balance, decimal minimum) => Language.Pick(
            $"The balance is {balance}, below the minimum of {minimum}.",
            $"Баланс {balance} ниже заданного минимума {minimum}.");

        internal static string ReportKindUnknown(long taskId) => Language.Pick(
            $"Cannot tell whether task {taskId} was an image or a token captcha: pass -Kind Image or -Kind Token, or pipe the task or its result.",
            $"Непонятно, какой была задача {taskId}: капча-картинка или токен. Укажите -Kind Image или -Kind Token либо передайте по конвейеру саму задачу или её результат.");

        internal static string ReportAction(string kind) => Language.Pick(
            $"Report the answer as wrong ({kind} captcha)",
            $"Сообщить о неверном ответе (капча: {kind})");

        internal static string ConnectTarget(System.Uri uri) => Language.Pick(
            $"CapMonster at {uri}",
            $"CapMonster по адресу {uri}");
    }
}
