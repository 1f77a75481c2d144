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

        internal static string ProxyConnectionFailed(string method, System.Uri uri, System.Uri proxy, string detail) => Language.Pick(
            $"{method} to {uri} through the web proxy {proxy} failed: the proxy could not be reached, or the connection through it was broken ({detail}).",
            $"Запрос {method} к {uri} через веб-прокси {proxy} не выполнен: прокси недоступен, или соединение через него оборвалось ({detail}).");

        internal static string UnsafeRedirect(string method, System.Uri uri, int status, string target) => Language.Pick(
            $"{method} to {uri} was answered with HTTP {status}, a redirect to {target}. Redirects are followed only to the same scheme, host and port (a POST only with 307 or 308), so nothing was sent there.",
            $"На запрос {method} к {uri} пришёл ответ HTTP {status} — перенаправление на {target}. Перенаправления выполняются только на ту же схему, хост и порт (POST — только при 307 и 308), поэтому туда ничего не отправлено.");

        internal static string TaskCreationUncertain(string cause) => Language.Pick(
            $"A task may have been created and billed, but its id did not arrive: do not repeat the creation blindly. What failed: {cause}",
            $"Задача могла быть создана и оплачена, но её ID не получен: не повторяйте создание вслепую. Что не удалось: {cause}");

        internal static string AnswerTooLarge(int megabytes) => Language.Pick(
            $"it is larger than {megabytes} MB, far more than any real answer",
            $"он больше {megabytes} МБ — намного больше любого настоящего ответа");

        internal static string NotATaskId(string value) => Language.Pick(
            $"its taskId {value} is not a task id (a whole number above 0)",
            $"его taskId {value} — не ID задачи (нужно целое число больше 0)");

        internal static string UnknownTaskStatus(string status) => Language.Pick(
            $"its status '{status}' is not one the module knows (processing, ready, failed)",
            $"его статус «{status}» модулю неизвестен (processing, ready, failed)");

        internal static string NoSolution => Language.Pick(
            "it says 'ready' but has no solution object",
            "в нём статус «ready», но нет объекта solution");

        internal static string TaskFailed(long taskId, string? serverDescription) => string.IsNullOrWhiteSpace(serverDescription)
            ? Language.Pick($"The service reports task {taskId} as failed.", $"Сервис сообщает, что задача {taskId} завершилась неудачей (failed).")
            : Language.Pick(
                $"The service reports task {taskId} as failed: {serverDescription}",
                $"Сервис сообщает, что задача {taskId} завершилась неудачей (failed): {serverDescription}");

        internal static string NotAWebProxy(string text) => Language.Pick(
            $"-WebProxy '{text}' is not a web proxy address: write it as a full URI with the scheme http, https, socks4, socks4a or socks5, for example http://proxy.contoso.com:8080.",
            $"-WebProxy «{text}» — не адрес веб-прокси: укажите полный URI со схемой http, https, socks4, socks4a или socks5, например http://proxy.contoso.com:8080.");

        internal static string WebProxyUserInfo(string text) => Language.Pick(
            $"-WebProxy '{text}' carries a user name or password in the URI: give them with -WebProxyCredential instead, so they are never shown.",
            $"В URI -WebProxy «{text}» есть имя пользователя или пароль: передайте их через -WebProxyCredential, чтобы они нигде не показывались.");

        internal static string WebProxyCredentialWithoutProxy => Language.Pick(
            "-WebProxyCredential was given without -WebProxy: give the web proxy the credential is for.",
            "-WebProxyCredential задан без -WebProxy: укажите веб-прокси, для которого эти учётные данные.");

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
            $"'{uri}' cannot be the service URI: it must be an absolute https URI, or http to a loopback address such as the local emulator, with no user name or password.",
            $"«{uri}» не подходит как адрес сервиса: нужен абсолютный URI со схемой https или http на адрес обратной петли, например локального эмулятора, без имени пользователя и пароля.");

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

        internal static string KeyValidated(decimal balance) => Language.Pick(
            $"The key works: getBalance answered {balance}.",
            $"Ключ действителен: getBalance вернул {balance}.");

        internal static string SecretManagementNotInstalled => Language.Pick(
            "Connect-CapMonster -SecretName needs the Microsoft.PowerShell.SecretManagement module, which is not installed: Install-PSResource Microsoft.PowerShell.SecretManagement (or Install-Module).",
            "Для Connect-CapMonster -SecretName нужен модуль Microsoft.PowerShell.SecretManagement, а он не установлен: Install-PSResource Microsoft.PowerShell.SecretManagement (или Install-Module).");

        internal static string SecretNotFound(string name, string? vault, string reason) => vault is null
            ? Language.Pick(
                $"Get-Secret could not read the secret '{name}': {reason}",
                $"Get-Secret не смог прочитать секрет «{name}»: {reason}")
            : Language.Pick(
                $"Get-Secret could not read the secret '{name}' from the vault '{vault}': {reason}",
                $"Get-Secret не смог прочитать секрет «{name}» из хранилища «{vault}»: {reason}");

        internal static string SecretEmpty => Language.Pick("it returned nothing.", "команда ничего не вернула.");

        internal static string SecretNotUsable(string name, string type) => Language.Pick(
            $"The secret '{name}' is a {type}, not an API key: store the key as a String or SecureString secret.",
            $"Секрет «{name}» имеет тип {type}, а не является API-ключом: сохраните ключ как секрет типа String или SecureString.");
    
        internal static string UnknownTaskType(string type, string known) => Language.Pick(
            $"'{type}' is not a task type the module knows. Known types: {known}. API type names (RecaptchaV2Task, NoCaptchaTaskProxyless...) work too.",
            $"Тип задачи «{type}» модулю неизвестен. Известные типы: {known}. Подходят и имена типов API (RecaptchaV2Task, NoCaptchaTaskProxyless...).");

        internal static string OtherVariantField(string name, string type, string variant) => Language.Pick(
            $"'{name}' is a field of the {variant} variant, not of {type}: check the type, or leave the field out.",
            $"«{name}» — поле варианта {variant}, а не {type}: проверьте тип или уберите это поле.");

        internal static string UnknownTaskFields(string type, string names) => Language.Pick(
            $"Sending {names} with the {type} task though the module does not know {(names.Contains(",") ? "these fields" : "this field")} for that type; the service may refuse it. (-WarningAction SilentlyContinue hides this.)",
            $"Поля {names} отправляются с задачей {type}, хотя модуль не знает их для этого типа; сервис может их не принять. (-WarningAction SilentlyContinue скрывает это предупреждение.)");

        internal static string DeprecatedTaskType(string type) => Language.Pick(
            $"{type} is deprecated: the CapMonster documentation no longer lists it and the service usually answers ERROR_TASK_NOT_SUPPORTED. It is sent anyway, for accounts that still have it.",
            $"{type} устарел: в документации CapMonster его больше нет, и сервис обычно отвечает ERROR_TASK_NOT_SUPPORTED. Задача всё равно отправляется — для аккаунтов, где этот тип ещё работает.");

        internal static string NoTaskType => Language.Pick(
            "The input names no task type: give -Type, or a Type (or type) column or key in the input.",
            "Во входных данных не указан тип задачи: задайте -Type или столбец (ключ) Type во входных данных.");

        internal static string UnsupportedTaskInput(string typeName) => Language.Pick(
            $"A task cannot be made of a {typeName}: pipe hashtables, objects (Import-Csv rows, ConvertFrom-Json objects), files, paths or image bytes.",
            $"Из объекта {typeName} задачу не составить: передавайте по конвейеру хеш-таблицы, объекты (строки Import-Csv, объекты ConvertFrom-Json), файлы, пути или байты картинки.");

        internal static string BadTaskValue(string name, string value, string reason) => Language.Pick(
            $"'{value}' is not a valid value for {name}: {reason}",
            $"«{value}» — недопустимое значение для {name}: {reason}");

        internal static string BadBool => Language.Pick(
            "true or false (or 1, 0, yes, no) is expected",
            "ожидается true или false (или 1, 0, yes, no)");

        internal static string NoFileMatches(string path) => Language.Pick(
            $"No file matches '{path}'.",
            $"Ни один файл не соответствует «{path}».");

        internal static string PathIsDirectory(string path) => Language.Pick(
            $"'{path}' is a directory, not an image file: give the files in it, for example '{System.IO.Path.Combine(path, "*.png")}'.",
            $"«{path}» — это папка, а не файл картинки: укажите файлы в ней, например «{System.IO.Path.Combine(path, "*.png")}».");

        internal static string MissingTaskField(string type, string field) => Language.Pick(
            $"A {type} task needs {field}.",
            $"Для задачи {type} нужен параметр {field}.");

        internal static string BadWebsiteUrl(string url) => Language.Pick(
            $"-WebsiteUrl '{url}' is not an absolute http or https URL.",
            $"-WebsiteUrl «{url}» — не абсолютный URL со схемой http или https.");

        internal static string NotBase64 => Language.Pick(
            "An image is not valid base64 (base64 without line breaks is expected).",
            "Картинка — не корректный base64 (нужен base64 без переносов строк).");

        internal static string ImageSize(long bytes) => Language.Pick(
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

        /// <summary>The -Proxy text is shown with its login and password masked.</summary>
        internal static string BadProxyUri(string text) => Language.Pick(
            $"-Proxy '{Api.Redaction.HideUserInfo(text)}' is not of the form 'socks5://login:password@1.2.3.4:1080'.",
            $"-Proxy «{Api.Redaction.HideUserInfo(text)}» не в формате 'socks5://логин:пароль@1.2.3.4:1080'.");

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

        // The wait: tasks given up, refused or unreadable, and tasks a stopped call leaves behind.

        internal static string StillFetchable(long taskId) => Language.Pick(
            $"Task {taskId} may still be solved: its result can be fetched for about 5 minutes after its creation (Wait-CapMonsterTask -TaskId {taskId}).",
            $"Задача {taskId} ещё может быть решена: её результат можно получить в течение примерно 5 минут после создания (Wait-CapMonsterTask -TaskId {taskId}).");

        internal static string PollsRefused(long taskId, string type, int refusals, string detail) => Language.Pick(
            $"The service refused {refusals} result requests in a row for task {taskId} ({type}), the last ones 10 s apart: it will not answer for this task any more (at most 120 requests per task), so it is no longer requested. {detail}",
            $"Сервис отклонил {refusals} запросов результата подряд для задачи {taskId} ({type}), последние — с интервалом 10 с: больше он по этой задаче не ответит (не более 120 запросов на задачу), поэтому она больше не запрашивается. {detail}");

        internal static string TaskGone(long taskId, string type, string detail) => Language.Pick(
            $"The service no longer knows task {taskId} ({type}): results are kept for about 5 minutes after creation. It is no longer requested. {detail}",
            $"Сервис больше не знает задачу {taskId} ({type}): результаты хранятся около 5 минут после создания. Больше она не запрашивается. {detail}");

        internal static string TaskGoneAction => Language.Pick(
            "Create a new task if the captcha still needs solving, and wait for tasks soon after creating them (Invoke-CapMonsterTask does both).",
            "Создайте новую задачу, если капчу ещё нужно решить, и дожидайтесь задач вскоре после создания (Invoke-CapMonsterTask делает и то и другое).");

        internal static string UnexpectedInWait(long taskId, string exceptionType, string detail) => Language.Pick(
            $"The answer for task {taskId} could not be turned into a result ({exceptionType}: {detail}).",
            $"Ответ по задаче {taskId} не удалось превратить в результат ({exceptionType}: {detail}).");

        internal static string LastPollFailed(int failures, string detail) => Language.Pick(
            $"The last {failures} result requests failed; the last one: {detail}",
            $"Последние запросы результата ({failures}) не удались; последний: {detail}");

        internal static string ValueNotWritable(string path, string reason) => Language.Pick(
            $"The value of {path} cannot be sent as JSON: {reason}. The task was not sent.",
            $"Значение {path} нельзя отправить в JSON: {reason}. Задача не отправлялась.");

        internal static string ValueNotFinite(string value) => Language.Pick(
            $"{value} is not a number JSON can hold",
            $"{value} — не число, которое может содержать JSON");

        internal static string ValueTooDeep(int depth) => Language.Pick(
            $"it is nested more than {depth} levels deep (does it contain itself?)",
            $"вложенность больше {depth} уровней (не содержит ли оно само себя?)");

        internal static string ValueUnreadable(string detail) => Language.Pick(
            $"reading it failed ({detail})",
            $"его не удалось прочитать ({detail})");

        internal static string UnfinishedTasks(int count, string ids, string details) => Language.Pick(
            $"The call ended before {count} task(s) it created were written: fetch their results within about 5 minutes of creation with Wait-CapMonsterTask -TaskId {ids}. Task and input: {details}",
            $"Вызов завершился раньше, чем были выведены созданные им задачи ({count}): получите их результаты в течение примерно 5 минут после создания командой Wait-CapMonsterTask -TaskId {ids}. Задача и входные данные: {details}");

        internal static string TaskOfInput(long taskId, string input) => $"{taskId} ({input})";

        internal static string UnfinishedCreations(int count, string inputs) => Language.Pick(
            $"The call ended while {count} task(s) were being created: each may exist and be billed, but its id never arrived; check before creating them again. Inputs: {inputs}",
            $"Вызов завершился во время создания задач ({count}): каждая из них могла быть создана и оплачена, но её номер не получен; проверьте это, прежде чем создавать их снова. Входные данные: {inputs}");

        internal static string CreationRefused(string code, int window) => Language.Pick(
            $"createTask refused ({code}): tasks in flight now at most {window}; the task is sent again shortly.",
            $"createTask отклонён ({code}): теперь не более {window} задач одновременно; задача будет отправлена снова чуть позже.");

        internal static string CreatedBeforeStop(int count, string ids, string details) => Language.Pick(
            $"The call stopped after creating {count} task(s); they are paid for once solved. Fetch their results within about 5 minutes of creation with Wait-CapMonsterTask -TaskId {ids}. Task and input: {details}",
            $"Вызов остановлен после создания задач ({count}); решённые задачи оплачиваются. Получите их результаты в течение примерно 5 минут после создания командой Wait-CapMonsterTask -TaskId {ids}. Задача и входные данные: {details}");
    }
}
