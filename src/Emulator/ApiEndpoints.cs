using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using static CapMonster.Emulator.JsonUtil;

namespace CapMonster.Emulator;

/// <summary>An API answer before it is written: status, body, content type, and what the log records.</summary>
internal readonly record struct ApiResult(int Status, byte[] Body, string? ContentType, string? ErrorCode = null, long? TaskId = null);

/// <summary>The CapMonster Cloud API: createTask, getTaskResult, getBalance, reportIncorrect*, getUserAgent.</summary>
internal sealed class ApiHandler(EmulatorState state)
{
    public const string CreateTask = "createTask";
    public const string GetTaskResult = "getTaskResult";
    public const string GetBalance = "getBalance";
    public const string ReportImage = "reportIncorrectImageCaptcha";
    public const string ReportToken = "reportIncorrectTokenCaptcha";
    public const string ReportRecaptcha = "reportIncorrectRecaptcha";
    public const string GetUserAgent = "getUserAgent";

    /// <summary>Every method name, for scenario validation.</summary>
    public static readonly string[] Methods = [CreateTask, GetTaskResult, GetBalance, ReportImage, ReportToken, ReportRecaptcha, GetUserAgent];

    private const int MaxBodyBytes = 16 * 1024 * 1024;

    private static readonly byte[] HtmlPage =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"u8.ToArray();

    /// <summary>The canonical method name of a request path (any case, trailing slash allowed), or null.</summary>
    public static string? MethodOf(string path)
    {
        ReadOnlySpan<char> p = path.AsSpan().Trim('/');
        foreach (string m in Methods)
        {
            if (m != GetUserAgent && p.Equals(m, StringComparison.OrdinalIgnoreCase))
            {
                return m;
            }
        }

        return p.Equals("api/useragent/actual", StringComparison.OrdinalIgnoreCase) ? GetUserAgent : null;
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        HttpRequest request = ctx.Request;
        string path = request.Path.Value ?? "/";
        string? method = MethodOf(path);
        long now = state.NowTicks;
        EmulatorConfig config = state.Config;
        byte[] body = await ReadBodyAsync(request, ctx.RequestAborted).ConfigureAwait(false);

        JsonDocument? doc = null;
        try
        {
            if (body.Length > 0)
            {
                try
                {
                    int bom = body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
                    doc = JsonDocument.Parse(body.AsMemory(bom));
                }
                catch (JsonException)
                {
                    doc = null;
                }
            }

            JsonElement root = doc?.RootElement ?? default;
            bool isObject = root.ValueKind == JsonValueKind.Object;
            string? clientKey = isObject ? GetString(root, "clientKey") : null;

            Scenario? scenario = method is null
                ? null
                : state.Scenarios.TryTake(method, clientKey is null ? default : KeyIds.BaseKey(clientKey), clientKey is not null)
                    ?? Faults.Draw(config, method, state.FaultCount.Next());

            if (scenario is { Kind: ScenarioKind.Reset })
            {
                // Dropped before anything is handled: logged with status 0, nothing created, counted or charged.
                string? resetKeyId = clientKey is null ? null : state.FindAccount(clientKey)?.KeyId ?? KeyIds.Of(KeyIds.BaseKey(clientKey).ToString());
                long? resetTaskId = isObject && TryGetInt64(root, "taskId", out long asked) ? asked : null;
                state.Log.Add(now, method ?? path, path, resetTaskId, resetKeyId, 0, null, scenario.KindName, null);
                ctx.Abort();
                return;
            }

            ApiResult result;
            if (scenario is not null && Immediate(scenario, config) is ApiResult canned)
            {
                result = canned;
            }
            else
            {
                if (scenario is { Kind: ScenarioKind.Slow })
                {
                    await Task.Delay(scenario.DelayMs, ctx.RequestAborted).ConfigureAwait(false);
                    now = state.NowTicks;
                }

                result = Dispatch(method, request.Method, isObject, root, clientKey, scenario, now, config);
            }

            byte[]? logged = doc is not null ? RequestLog.Redact(root, clientKey) : body.Length > 0 ? RequestLog.Unparsable(body.Length) : null;
            string? keyId = clientKey is null ? null : state.FindAccount(clientKey)?.KeyId ?? KeyIds.Of(KeyIds.BaseKey(clientKey).ToString());
            long? taskId = result.TaskId ?? (isObject && TryGetInt64(root, "taskId", out long id) ? id : null);
            state.Log.Add(now, method ?? path, path, taskId, keyId, result.Status, result.ErrorCode, scenario?.KindName, logged);

            await WriteAsync(ctx, result, scenario?.Kind).ConfigureAwait(false);
        }
        finally
        {
            doc?.Dispose();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is long length && length <= MaxBodyBytes)
        {
            if (length == 0)
            {
                return [];
            }

            byte[] buffer = new byte[length];
            await request.Body.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
            return buffer;
        }

        using var stream = new MemoryStream();
        await request.Body.CopyToAsync(stream, ct).ConfigureAwait(false);
        return stream.ToArray();
    }

    private static async Task WriteAsync(HttpContext ctx, ApiResult result, ScenarioKind? kind)
    {
        HttpResponse response = ctx.Response;
        response.StatusCode = result.Status;
        if (result.ContentType is not null)
        {
            response.ContentType = result.ContentType;
        }

        switch (kind)
        {
            case ScenarioKind.Truncated:
                int half = result.Body.Length / 2;
                response.ContentLength = half;
                await response.Body.WriteAsync(result.Body.AsMemory(0, half), ctx.RequestAborted).ConfigureAwait(false);
                break;
            case ScenarioKind.Abort:
                // Promise the whole body, send half of it, then drop the connection.
                response.ContentLength = result.Body.Length;
                await response.Body.WriteAsync(result.Body.AsMemory(0, result.Body.Length / 2), ctx.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
                ctx.Abort();
                break;
            default:
                response.ContentLength = result.Body.Length;
                if (result.Body.Length > 0)
                {
                    await response.Body.WriteAsync(result.Body, ctx.RequestAborted).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>The canned answer of a scenario that replaces processing, or null when the request is processed normally.</summary>
    private static ApiResult? Immediate(Scenario s, EmulatorConfig config)
    {
        switch (s.Kind)
        {
            case ScenarioKind.Error:
            case ScenarioKind.NoSlot:
                string code = s.ErrorCode ?? ErrorCodes.NoSlotAvailable;
                return new ApiResult(s.HttpStatus, Responses.Error(code, s.ErrorDescription ?? ErrorCodes.Describe(code)), config.ContentType, code);
            case ScenarioKind.Http:
                return new ApiResult(s.HttpStatus, System.Text.Encoding.UTF8.GetBytes(s.Body ?? string.Empty), "text/plain; charset=utf-8");
            case ScenarioKind.Html:
                byte[] html = s.Body is null ? HtmlPage : System.Text.Encoding.UTF8.GetBytes(s.Body);
                return new ApiResult(s.HttpStatus, html, "text/html");
            case ScenarioKind.Empty:
                return new ApiResult(s.HttpStatus, [], null);
            default:
                return null;
        }
    }

    private ApiResult Dispatch(string? method, string verb, bool isObject, JsonElement root, string? clientKey, Scenario? scenario, long now, EmulatorConfig config)
    {
        if (method is null)
        {
            return new ApiResult(404, Responses.Error(ApiError.Of(ErrorCodes.NoSuchMethod)), config.ContentType, ErrorCodes.NoSuchMethod);
        }

        if (method == GetUserAgent)
        {
            return HttpMethods.IsGet(verb) || HttpMethods.IsPost(verb)
                ? new ApiResult(200, System.Text.Encoding.UTF8.GetBytes(state.UserAgent), "text/plain; charset=utf-8")
                : new ApiResult(405, [], null);
        }

        if (!HttpMethods.IsPost(verb))
        {
            return new ApiResult(405, Responses.Error(ApiError.Of(ErrorCodes.NoSuchMethod, method + " takes POST")), config.ContentType, ErrorCodes.NoSuchMethod);
        }

        if (method == CreateTask && !isObject)
        {
            return Fail(ApiError.Of(ErrorCodes.TaskAbsent, "the body is not a JSON object"), config);
        }

        Account? account = isObject ? state.FindAccount(clientKey) : null;
        if (account is null)
        {
            return Fail(ApiError.Of(ErrorCodes.KeyDoesNotExist), config);
        }

        return method switch
        {
            CreateTask => Create(root, clientKey!, account, scenario, now, config),
            GetTaskResult => Result(root, account, now, config),
            GetBalance => new ApiResult(200, Responses.Balance(account.Balance), config.ContentType),
            ReportImage => Report(root, account, TaskKind.Image, now, config),
            _ => Report(root, account, TaskKind.Token, now, config),
        };
    }

    private static ApiResult Fail(ApiError error, EmulatorConfig config, long? taskId = null) =>
        new(ErrorCodes.HttpStatus(error.Code, config.ObservedStatuses), Responses.Error(error), config.ContentType, error.Code, taskId);

    private ApiResult Create(JsonElement root, string clientKey, Account account, Scenario? scenario, long now, EmulatorConfig config)
    {
        if (Volatile.Read(ref account.BalanceUnits) <= 0)
        {
            return Fail(ApiError.Of(ErrorCodes.ZeroBalance), config);
        }

        if (!TryGet(root, "task", out JsonElement task) || task.ValueKind != JsonValueKind.Object)
        {
            return Fail(ApiError.Of(ErrorCodes.TaskAbsent, "no task object"), config);
        }

        ApiError? error = TaskRules.Validate(task, clientKey, out TaskSpec? spec);
        if (error is not null)
        {
            return Fail(error, config);
        }

        long id = state.NewTaskId();
        long latencyMs = scenario is { Kind: ScenarioKind.Latency } ? scenario.LatencyMs : state.DrawLatencyMs(id, config);
        long readyTicks = latencyMs >= (DateTimeOffset.MaxValue.UtcTicks - now) / TimeSpan.TicksPerMillisecond
            ? DateTimeOffset.MaxValue.UtcTicks
            : now + (latencyMs * TimeSpan.TicksPerMillisecond);
        bool unsolvable = scenario is { Kind: ScenarioKind.Unsolvable };
        state.Add(new TaskRecord
        {
            Id = id,
            Account = account,
            Spec = spec!,
            CreatedTicks = now,
            ReadyTicks = readyTicks,
            Solution = Solutions.Build(spec!, task, id, new DateTimeOffset(now, TimeSpan.Zero), state.UserAgent),
            FailCode = unsolvable ? scenario!.ErrorCode ?? ErrorCodes.CaptchaUnsolvable : spec!.FailCode,
            FailDescription = unsolvable ? scenario!.ErrorDescription : null,
            Callback = EmulatorState.LoopbackCallback(GetString(root, "callbackUrl")),
        });
        return new ApiResult(200, Responses.Created(id), config.ContentType, null, id);
    }

    private ApiResult Result(JsonElement root, Account account, long now, EmulatorConfig config)
    {
        if (!TryGetInt64(root, "taskId", out long id))
        {
            return Fail(ApiError.Of(ErrorCodes.NoSuchCaptchaId, "taskId is missing or not an integer"), config);
        }

        TaskRecord? t = state.FindTask(id, account, now);
        if (t is null)
        {
            return Fail(ApiError.Of(ErrorCodes.NoSuchCaptchaId), config, id);
        }

        int polls = Interlocked.Increment(ref t.Polls);
        long previous = Interlocked.Exchange(ref t.LastPollTicks, now);
        if (polls > config.MaxPolls)
        {
            return Fail(ApiError.Of(ErrorCodes.TooMuchRequests, $"more than {config.MaxPolls} getTaskResult calls for task {id}"), config, id);
        }

        if (config.MinPollIntervalMs > 0 && previous != long.MinValue
            && now - previous < config.MinPollIntervalMs * TimeSpan.TicksPerMillisecond)
        {
            long gap = (now - previous) / TimeSpan.TicksPerMillisecond;
            return Fail(ApiError.Of(ErrorCodes.TooMuchRequests, $"polled {gap} ms after the previous call, minimum {config.MinPollIntervalMs} ms"), config, id);
        }

        if (now < t.ReadyTicks)
        {
            return new ApiResult(200, Responses.Processing, config.ContentType, null, id);
        }

        EmulatorState.Settle(t);
        if (t.FailCode is not null)
        {
            ApiError failure = t.FailDescription is null ? ApiError.Of(t.FailCode) : new ApiError(t.FailCode, t.FailDescription);
            return Fail(failure, config, id);
        }

        return new ApiResult(200, Responses.Ready(t), config.ContentType, null, id);
    }

    private ApiResult Report(JsonElement root, Account account, TaskKind kind, long now, EmulatorConfig config)
    {
        if (!TryGetInt64(root, "taskId", out long id))
        {
            return Fail(ApiError.Of(ErrorCodes.NoSuchCaptchaId, "taskId is missing or not an integer"), config);
        }

        TaskRecord? t = state.FindTask(id, account, now);
        if (t is null)
        {
            return Fail(ApiError.Of(ErrorCodes.NoSuchCaptchaId), config, id);
        }

        if (t.Spec.Kind != kind)
        {
            string detail = t.Spec.Kind switch
            {
                TaskKind.Image => $"task {id} is an image task: use reportIncorrectImageCaptcha",
                TaskKind.Token => $"task {id} is a token task: use reportIncorrectTokenCaptcha",
                _ => $"tasks of type {t.Spec.Type} cannot be reported",
            };
            return Fail(ApiError.Of(ErrorCodes.TaskNotSupported, detail), config, id);
        }

        if (now < t.ReadyTicks)
        {
            return Fail(ApiError.Of(ErrorCodes.CaptchaNotReady, $"task {id} is still being solved"), config, id);
        }

        if (t.FailCode is not null)
        {
            return Fail(ApiError.Of(ErrorCodes.NoSuchCaptchaId, $"task {id} ended in {t.FailCode}: there is no answer to report"), config, id);
        }

        Interlocked.Increment(ref t.Reports);
        return new ApiResult(200, Responses.ReportSuccess, config.ContentType, null, id);
    }
}
