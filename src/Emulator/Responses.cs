using System;
using System.Text.Json;

namespace CapMonster.Emulator;

/// <summary>The JSON bodies of the API (UTF-8 bytes).</summary>
internal static class Responses
{
    /// <summary>{"errorId":0,"status":"processing"}.</summary>
    public static readonly byte[] Processing = "{\"errorId\":0,\"status\":\"processing\"}"u8.ToArray();

    /// <summary>{"errorId":0,"status":"success"}.</summary>
    public static readonly byte[] ReportSuccess = "{\"errorId\":0,\"status\":\"success\"}"u8.ToArray();

    /// <summary>{"errorId":1,"errorCode":...,"errorDescription":...,"taskId":0}.</summary>
    public static byte[] Error(string code, string description) =>
        JsonUtil.Write((code, description), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber("errorId", 1);
            w.WriteString("errorCode", s.code);
            w.WriteString("errorDescription", s.description);
            w.WriteNumber("taskId", 0);
            w.WriteEndObject();
        });

    public static byte[] Error(ApiError error) => Error(error.Code, error.Description);

    /// <summary>{"errorId":0,"taskId":N}.</summary>
    public static byte[] Created(long taskId) =>
        JsonUtil.Write(taskId, static (w, id) =>
        {
            w.WriteStartObject();
            w.WriteNumber("errorId", 0);
            w.WriteNumber("taskId", id);
            w.WriteEndObject();
        });

    /// <summary>{"errorId":0,"balance":N}.</summary>
    public static byte[] Balance(decimal balance) =>
        JsonUtil.Write(balance, static (w, b) =>
        {
            w.WriteStartObject();
            w.WriteNumber("errorId", 0);
            w.WriteNumber("balance", b);
            w.WriteEndObject();
        });

    /// <summary>The ready answer of getTaskResult (also the callback body).</summary>
    public static byte[] Ready(TaskRecord t) =>
        JsonUtil.Write(t, static (w, task) =>
        {
            w.WriteStartObject();
            w.WriteNumber("errorId", 0);
            w.WriteString("status", "ready");
            w.WritePropertyName("solution");
            w.WriteRawValue(task.Solution, skipInputValidation: true);
            w.WriteNumber("cost", EmulatorState.Cost(task));
            w.WriteString("ip", "127.0.0.1");
            w.WriteNumber("createTime", UnixSeconds(task.CreatedTicks));
            w.WriteNumber("endTime", UnixSeconds(task.ReadyTicks));
            w.WriteNumber("solveCount", 1);
            w.WriteEndObject();
        });

    private static long UnixSeconds(long ticks) =>
        (Math.Min(ticks, DateTimeOffset.MaxValue.UtcTicks) - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
}
