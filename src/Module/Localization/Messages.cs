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

        internal static string Retrying(string method, double seconds, int retry, int maximumRetryCount, string reason) => Language.Pick(
            $"Retrying {method} in {seconds:0.0} s (retry {retry} of {maximumRetryCount}): {reason}",
            $"Повтор {method} через {seconds:0.0} с (попытка {retry} из {maximumRetryCount}): {reason}");

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
    
        internal static string UnknownTaskType(string type, string known) => Language.Pick(
            $"'{type}' is not a task type the module knows. Known types: {known}. API type names (RecaptchaV2Task, NoCaptchaTaskProxyless...) work too.",
            $"Тип задачи «{type}» модулю неизвестен. Известные типы: {known}. Подходят и имена типов API (RecaptchaV2Task, NoCaptchaTaskProxyless...).");

        internal static string UnexpectedTaskField(string parameter, string type, string taken) => Language.Pick(
            $"A {type} task has no field for -{parameter}. It takes: {taken}.",
            $"У задачи {type} нет поля для -{parameter}. Её параметры: {taken}.");

        internal static string MissingTaskField(string type, string field) => Language.Pick(
            $"A {type} task needs {field}.",
            $"Для задачи {type} нужен параметр {field}.");

        internal static string BadWebsiteUrl(string url) => Language.Pick(
            $"-WebsiteUrl '{url}' is not an absolute http or https URL.",
            $"-WebsiteUrl «{url}» — не абсолютный URL со схемой http или https.");

        internal static string NotBase64 => Language.Pick(
            "An image is not valid base64 (base64 without line breaks is expected).",
            "Картинка — не корректный base64 (нужен base64 без переносов строк).");

        internal static string ImageSize(int bytes) => Language.Pick(
            $"The image is {bytes:N0} bytes; the service takes 100 to 50,000.",
            $"Размер картинки {bytes:N0} байт; сервис принимает от 100 до 50 000.");

        internal static string ProxyRequired(string type) => Language.Pick(
            $"A {type} task needs your own proxy: -ProxyType, -ProxyAddress, -ProxyPort, -ProxyLogin and -ProxyPassword, or -Proxy 'http://login:password@1.2.3.4:8080'.",
            $"Для задачи {type} нужен ваш прокси: -ProxyType, -ProxyAddress, -ProxyPort, -ProxyLogin и -ProxyPassword или -Proxy 'http://логин:пароль@1.2.3.4:8080'.");

        internal static string ProxyNotTaken(string type) => Language.Pick(
            $"A {type} task takes no proxy: leave out the proxy parameters.",
            $"Задача {type} не принимает прокси: уберите параметры прокси.");

        internal static string ProxyIncomplete(bool loginRequired) => loginRequired
            ? Language.Pick(
                "The proxy needs all of -ProxyType (http, https, socks4, socks5), -ProxyAddress, -ProxyPort, -ProxyLogin and -ProxyPassword.",
                "Для прокси нужны все параметры: -ProxyType (http, https, socks4, socks5), -ProxyAddress, -ProxyPort, -ProxyLogin и -ProxyPassword.")
            : Language.Pick(
                "The proxy needs -ProxyType (http, https, socks4, socks5), -ProxyAddress and -ProxyPort together.",
                "Для прокси нужны вместе -ProxyType (http, https, socks4, socks5), -ProxyAddress и -ProxyPort.");

        internal static string ProxyAddress(string address) => Language.Pick(
            $"-ProxyAddress '{address}' must be a public IP address: the service connects to the proxy itself, and host names, private and loopback addresses are not accepted.",
            $"-ProxyAddress «{address}» должен быть публичным IP-адресом: сервис подключается к прокси сам, имена хостов, частные и локальные адреса не принимаются.");

        internal static string BadProxyUri(string text) => Language.Pick(
            $"-Proxy '{text}' is not of the form 'socks5://login:password@1.2.3.4:1080'.",
            $"-Proxy «{text}» не в формате 'socks5://логин:пароль@1.2.3.4:1080'.");

        internal static string ImageFileNotFound(string path) => Language.Pick(
            $"Cannot read the image '{path}'.",
            $"Не удаётся прочитать картинку «{path}».");

        internal static string OneImageSource => Language.Pick(
            "Give the image one way only: -Path, -Body or -Image.",
            "Укажите картинку только одним способом: -Path, -Body или -Image.");

        internal static string TaskTimedOut(long taskId, string type, double seconds) => Language.Pick(
            $"Task {taskId} ({type}) was not solved within {seconds:0.#} s. Its result can still be fetched for about 5 minutes after creation: Get-CapMonsterTaskResult -TaskId {taskId}.",
            $"Задача {taskId} ({type}) не решена за {seconds:0.#} с. Результат ещё можно получить в течение примерно 5 минут после создания: Get-CapMonsterTaskResult -TaskId {taskId}.");

        internal static string PollLimitReached(long taskId, string type, int polls) => Language.Pick(
            $"Task {taskId} ({type}) was still not ready after {polls} result requests, the most the service allows.",
            $"Задача {taskId} ({type}) не готова после {polls} запросов результата — больше сервис не разрешает.");

        internal static string CreateTaskAction(string json) => Language.Pick(
            $"Create a task (costs money): {json}",
            $"Создать задачу (платно): {json}");

        internal static string WaitActivity => Language.Pick("Waiting for CapMonster tasks", "Ожидание задач CapMonster");

        internal static string SolveActivity => Language.Pick("Solving captchas with CapMonster", "Решение капч в CapMonster");

        internal static string WaitStatus(int done, int total, int failed) => Language.Pick(
            $"{done} of {total} done, {failed} failed",
            $"Готово {done} из {total}, с ошибкой {failed}");
    }
}
