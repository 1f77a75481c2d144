using System;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace CapMonster.Emulator.Tests;


/// <summary>GET/DELETE /emulator/log: entries, filters, bounding and redaction.</summary>
public sealed partial class RequestLogTests
{
    private const string V2 = """{"type":"RecaptchaV2Task","websiteURL":"https://example.com/","websiteKey":"k"}""";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoMs();

    private static string KeyId(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];

    [Fact]
    public async Task Entries_describe_each_api_request()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; }, manualClock: true);
        long id = await h.CreateIdAsync(V2);
        await h.ResultAsync(id);
        await h.BalanceAsync("wrong-key");
        await h.ControlAsync(HttpMethod.Get, "config");

        Reply log = await h.ControlAsync(HttpMethod.Get, "log");
        JsonElement[] entries = [.. log.Json.EnumerateArray()];
        Assert.Equal(3, entries.Length); // control calls are not logged
        JsonElement create = entries[0];
        Assert.Equal("createTask", create.GetProperty("method").GetString());
        Assert.Equal("/createTask", create.GetProperty("path").GetString());
        Assert.Equal(id, create.GetProperty("taskId").GetInt64());
        Assert.Equal(KeyId(Harness.Key), create.GetProperty("keyId").GetString());
        Assert.Equal(200, create.GetProperty("httpStatus").GetInt32());
        Assert.Equal(JsonValueKind.Null, create.GetProperty("errorCode").ValueKind);
        Assert.Matches(IsoMs(), create.GetProperty("time").GetString());
        Assert.Equal("***", create.GetProperty("body").GetProperty("clientKey").GetString());
        Assert.Equal("RecaptchaV2Task", create.GetProperty("body").GetProperty("task").GetProperty("type").GetString());
        Assert.True(entries[1].GetProperty("seq").GetInt64() > create.GetProperty("seq").GetInt64());
        Assert.Equal(id, entries[1].GetProperty("taskId").GetInt64());
        Assert.Equal("ERROR_KEY_DOES_NOT_EXIST", entries[2].GetProperty("errorCode").GetString());
        Assert.Equal(KeyId("wrong-key"), entries[2].GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task The_key_never_appears_in_the_log()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; }, manualClock: true);
        string key = h.NewKey();
        string[] forms = [key, key + "__nocache", key + "__solvemedia__recognizingthreshold_70"];
        foreach (string form in forms)
        {
            JsonObject task = TaskCatalog.Task("Turnstile cf_clearance");
            task["websiteURL"] = "https://example.com/?k=" + key;
            long id = (await h.CreateAsync(task, form)).ShouldSucceed().TaskId;
            await h.ResultAsync(id, form);
            await h.CallAsync("createTask", new JsonObject { ["clientKey"] = form, ["callbackUrl"] = "http://10.0.0.1/" + form, ["task"] = new JsonObject { ["type"] = "Nope" } });
        }

        await h.PostRawAsync("getBalance", "{\"CLIENTKEY\":\"" + key + "__x\"}", contentType: "text/plain");
        await h.PostRawAsync("getBalance", "{\"clientKey\":\"" + key + "\"", contentType: null); // not JSON

        string raw = (await h.ControlAsync(HttpMethod.Get, "log")).Text;
        Assert.DoesNotContain(key, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", raw, StringComparison.Ordinal);
        Assert.Contains("\"proxyPassword\":\"***\"", raw, StringComparison.Ordinal);
        Assert.All(h.State.GetLog(), e => Assert.DoesNotContain(key, e.Body ?? string.Empty, StringComparison.Ordinal));

        // Every form maps to the same key id.
        string id8 = KeyId(key);
        Assert.All(h.State.GetLog().Where(e => e.Body?.StartsWith('{') == true), e => Assert.Equal(id8, e.KeyId));
    }

    [Fact]
    public async Task Long_strings_are_shortened()
    {
        await using Harness h = await Harness.StartAsync(manualClock: true);
        string image = Harness.Image(40_000);
        await h.CreateAsync(new JsonObject { ["type"] = "ImageToTextTask", ["body"] = image });
        string body = h.State.GetLog()[0].Body!;
        Assert.True(body.Length < 400, body);
        Assert.Contains(image[..64] + "...(+", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_select_entries()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 0; o.LatencyMaxMs = 0; }, manualClock: true);
        long a = await h.CreateIdAsync(V2);
        long b = await h.CreateIdAsync(V2);
        await h.ResultAsync(a);
        h.Clock!.Advance(TimeSpan.FromMinutes(1));
        string later = h.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        await h.ResultAsync(b);
        string other = h.NewKey();
        await h.BalanceAsync(other);

        Assert.Equal(2, (await h.ControlAsync(HttpMethod.Get, "log?method=getTaskResult")).Json.GetArrayLength());
        Assert.Equal(2, (await h.ControlAsync(HttpMethod.Get, "log?method=CREATETASK")).Json.GetArrayLength());
        Assert.Equal(2, (await h.ControlAsync(HttpMethod.Get, $"log?taskId={a}")).Json.GetArrayLength());
        Assert.Equal(2, (await h.ControlAsync(HttpMethod.Get, "log?since=3")).Json.GetArrayLength());
        Assert.Equal(2, (await h.ControlAsync(HttpMethod.Get, "log?since=" + Uri.EscapeDataString(later))).Json.GetArrayLength());
        Assert.Equal(1, (await h.ControlAsync(HttpMethod.Get, "log?keyId=" + KeyId(other))).Json.GetArrayLength());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await h.ControlAsync(HttpMethod.Get, "log?since=yesterday")).Status);

        await h.ControlAsync(HttpMethod.Delete, "log");
        Assert.Equal(0, (await h.ControlAsync(HttpMethod.Get, "log")).Json.GetArrayLength());
    }

    [Fact]
    public async Task Log_is_bounded()
    {
        await using Harness h = await Harness.StartAsync(o => o.LogLimit = 5, manualClock: true);
        for (int i = 0; i < 12; i++)
        {
            await h.BalanceAsync();
        }

        var log = h.State.GetLog();
        Assert.Equal(5, log.Count);
        Assert.Equal(12, log[^1].Seq);
        Assert.Equal(8, log[0].Seq);
    }
}
