using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;

/// <summary>
/// Every row of the task-type table through the API, from the row alone: a new row is covered here without a new
/// case. The oracles written from the reference (TaskCatalog, the missing-field and solution-value tests) stay
/// beside these.
/// </summary>
public sealed class TaskTypeTableTests(SharedEmulatorFixture fixture) : IClassFixture<SharedEmulatorFixture>
{
    private static readonly string[] ProxyFields = ["proxyType", "proxyAddress", "proxyPort", "proxyLogin", "proxyPassword"];

    private Harness H => fixture.Harness;

    public static TheoryData<string> Rows => new(TaskTypeTable.Rows.Select(Name));

    private static string Name(TaskTypeRow row) => row.VariantName is null ? row.ApiType : row.ApiType + " " + row.VariantName;

    private static TaskTypeRow Row(string name) => TaskTypeTable.Rows.Single(r => Name(r) == name);

    private static JsonObject Example(TaskTypeRow row) => JsonNode.Parse(row.Example)!.AsObject();

    private async Task<(long Id, Reply Result)> SolveAsync(JsonObject task)
    {
        long id = (await H.CreateAsync(task)).ShouldSucceed().TaskId;
        Reply result = (await H.ResultAsync(id)).ShouldSucceed();
        Assert.Equal("ready", result.Status2);
        return (id, result);
    }

    [Fact]
    public void Rows_are_distinct_and_grouped_by_type()
    {
        Assert.Equal(TaskTypeTable.Rows.Length, TaskTypeTable.Rows.Select(Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        string[] order = [.. TaskTypeTable.Rows.Select(r => r.ApiType)];
        Assert.All(order.Distinct(), type => Assert.Equal(order.Count(t => t == type), order.SkipWhile(t => t != type).TakeWhile(t => t == type).Count()));
        Assert.All(TaskTypeTable.Rows.GroupBy(r => r.ApiType), g =>
        {
            Assert.True(g.All(r => r.Class is null) || g.All(r => r.Class is not null), g.Key + ": a class on every row or on none");
            Assert.True(g.Count() == 1 || g.All(r => r.Class is not null) || g.All(r => r.Selector is not null && r.Selector == g.First().Selector), g.Key + ": variants share one selector");
        });
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Example_is_accepted_as_its_row_priced_and_reported_as_its_kind(string name)
    {
        TaskTypeRow row = Row(name);
        string key = H.NewKey(1m);
        long id = (await H.CreateAsync(Example(row), key)).ShouldSucceed().TaskId;
        EmulatorTaskInfo task = H.State.GetTask(id)!;
        Assert.Equal(row.ApiType, task.Type);
        Assert.Equal(row.VariantName, task.Variant);

        Reply result = (await H.ResultAsync(id, key)).ShouldSucceed();
        Assert.Equal("ready", result.Status2);
        decimal cost = result.Json.GetProperty("cost").GetDecimal();
        if (row.PricePerCount)
        {
            Assert.True(cost >= row.Price && cost % row.Price == 0, $"{cost} is a multiple of {row.Price}");
        }
        else
        {
            Assert.Equal(row.Price, cost);
        }

        Assert.Equal(1m - cost, H.State.GetBalance(key));
        Assert.Equal(JsonValueKind.Object, result.Solution.ValueKind);
        Assert.NotEmpty(result.Solution.EnumerateObject());

        Task<Reply> Report(string method) => H.CallAsync(method, new JsonObject { ["clientKey"] = key, ["taskId"] = id });
        Reply image = await Report("reportIncorrectImageCaptcha");
        Reply token = await Report("reportIncorrectTokenCaptcha");
        Assert.Equal(row.Kind == TaskKind.Image ? 0 : 1, image.ErrorId);
        Assert.Equal(row.Kind == TaskKind.Token ? 0 : 1, token.ErrorId);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Every_required_field_is_checked_with_its_error(string name)
    {
        TaskTypeRow row = Row(name);
        foreach (FieldCheck check in row.Checks.Where(c => !c.Optional))
        {
            JsonObject task = Example(row);
            int removed = 0;
            foreach (string path in check.Field.Split('|'))
            {
                string[] parts = path.Split('.');
                JsonObject? target = parts.Length == 2 ? task[parts[0]] as JsonObject : task;
                removed += target?.Remove(parts[^1]) == true ? 1 : 0;
            }

            Assert.True(removed > 0, $"{name}: the example has no {check.Field} to leave out");
            Reply reply = await H.CreateAsync(task);
            Assert.True(reply.ErrorCode == check.Error, $"{name} without {check.Field}: {reply.ErrorCode}, expected {check.Error}");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Proxy_follows_the_row_rule(string name)
    {
        TaskTypeRow row = Row(name);
        JsonObject without = Example(row);
        foreach (string field in ProxyFields)
        {
            without.Remove(field);
        }

        JsonObject ipOnly = without.DeepClone().AsObject();
        ipOnly["proxyType"] = "http";
        ipOnly["proxyAddress"] = "8.8.8.8";
        ipOnly["proxyPort"] = 8080;
        JsonObject full = ipOnly.DeepClone().AsObject();
        full["proxyLogin"] = "user";
        full["proxyPassword"] = "s3cret-pass";
        JsonObject bad = ipOnly.DeepClone().AsObject();
        bad["proxyPort"] = 0;

        Assert.Equal(row.Proxy == ProxyRule.Required ? 1 : 0, (await H.CreateAsync(without)).ErrorId);
        Assert.Equal(row.Proxy is ProxyRule.Ignored or ProxyRule.Optional ? 0 : 1, (await H.CreateAsync(ipOnly)).ErrorId);
        (await H.CreateAsync(full)).ShouldSucceed();
        Assert.Equal(row.Proxy == ProxyRule.Ignored ? 0 : 1, (await H.CreateAsync(bad)).ErrorId);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Type_and_class_match_ignoring_case_and_legacy_names_mean_the_type(string name)
    {
        TaskTypeRow row = Row(name);
        JsonObject task = Example(row);
        task["type"] = row.ApiType.ToUpperInvariant();
        if (row.Class is not null)
        {
            task["class"] = row.Class.ToUpperInvariant();
        }

        long id = (await H.CreateAsync(task)).ShouldSucceed().TaskId;
        Assert.Equal(row.VariantName, H.State.GetTask(id)!.Variant);

        foreach (string legacy in TaskRules.LegacyTypesOf(row.ApiType))
        {
            task["type"] = legacy;
            long legacyId = (await H.CreateAsync(task)).ShouldSucceed().TaskId;
            Assert.Equal(row.ApiType, H.State.GetTask(legacyId)!.Type);
        }
    }

    [Fact]
    public async Task Tasktypes_lists_every_row_with_its_facts_and_example_solution()
    {
        await using Harness h = await Harness.StartAsync(o => { o.LatencyMinMs = 2000; o.LatencyMaxMs = 6000; }, manualClock: true);
        Reply listing = await h.ControlAsync(HttpMethod.Get, "tasktypes");
        Assert.Equal(HttpStatusCode.OK, listing.Status);
        JsonElement[] entries = [.. listing.Json.EnumerateArray()];
        Assert.Equal(TaskTypeTable.Rows.Length, entries.Length);
        foreach ((TaskTypeRow row, JsonElement entry) in TaskTypeTable.Rows.Zip(entries))
        {
            Assert.Equal(row.ApiType, entry.GetProperty("type").GetString());
            Assert.Equal(row.Class, entry.GetProperty("class").GetString());
            Assert.Equal(row.Variant, entry.GetProperty("variant").GetString());
            Assert.Equal(row.Price, entry.GetProperty("price").GetDecimal());
            Assert.Equal("2000-6000", entry.GetProperty("solveTimeMs").GetString());
            Assert.Equal(row.Checks.Count(c => !c.Optional), entry.GetProperty("required").GetArrayLength());
            Assert.Equal(JsonNode.Parse(row.Example)!.ToJsonString(), JsonNode.Parse(entry.GetProperty("example").GetRawText())!.ToJsonString());

            // The listed solution is what the API answers for the example (task ids and times aside).
            (_, Reply solved) = await SolveAsync(Example(row));
            string[] fields = [.. entry.GetProperty("solutionFields").EnumerateArray().Select(f => f.GetString()!)];
            Assert.Equal(fields, solved.Solution.EnumerateObject().Select(p => p.Name));
            Assert.Equal(fields, entry.GetProperty("exampleSolution").EnumerateObject().Select(p => p.Name));
        }

        // A sample of fixed facts, from the reference rather than the table.
        JsonElement cf = entries.Single(e => e.GetProperty("variant").GetString() == "cf_clearance");
        Assert.Equal("required", cf.GetProperty("proxy").GetString());
        Assert.Equal(["websiteURL", "websiteKey (may be \"\")", "htmlPageBase64", "userAgent"], cf.GetProperty("required").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["RecaptchaV2Task", "NoCaptchaTask", "NoCaptchaTaskProxyless", "RecaptchaV2TaskProxyless"],
            new[] { entries[3].GetProperty("type").GetString() }.Concat(entries[3].GetProperty("legacyTypes").EnumerateArray().Select(e => e.GetString())));
        JsonElement castle = entries.Single(e => e.GetProperty("class").GetString() == "Castle");
        Assert.Equal("token", castle.GetProperty("pricePer").GetString());
        Assert.Equal(Harness.Expected(TaskRules.ExampleTaskId, "tokens[0]"), castle.GetProperty("exampleSolution").GetProperty("data").GetProperty("tokens")[0].GetString());
        JsonElement v2 = entries[3];
        Assert.Equal("reportIncorrectTokenCaptcha", v2.GetProperty("report").GetString());
        Assert.Equal(0.0006m, v2.GetProperty("price").GetDecimal());
    }

    [Fact]
    public void Every_task_of_the_reference_oracle_lands_on_a_row()
    {
        // The table has not lost a type or variant the reference describes.
        IEnumerable<string> landed = TaskCatalog.Valid.Values.Select(v =>
        {
            using JsonDocument task = JsonDocument.Parse(v.Task);
            Assert.Null(TaskRules.Validate(task.RootElement, Harness.Key, out TaskSpec? spec));
            return Name(spec!.Row);
        });
        Assert.Empty(landed.Except(TaskTypeTable.Rows.Select(Name)));
    }
}
