using System;
using System.Buffers.Binary;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;


/// <summary>Solution shapes per type/variant and the documented, deterministic values.</summary>
public sealed class SolutionTests(SharedEmulatorFixture fixture) : IClassFixture<SharedEmulatorFixture>
{
    private Harness H => fixture.Harness;

    public static TheoryData<string> ValidNames => new(TaskCatalog.Valid.Keys);

    private async Task<(long Id, Reply Result)> SolveAsync(JsonObject task)
    {
        long id = (await H.CreateAsync(task)).ShouldSucceed().TaskId;
        Reply result = (await H.ResultAsync(id)).ShouldSucceed();
        Assert.Equal("ready", result.Status2);
        return (id, result);
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public async Task Solution_has_the_documented_fields(string name)
    {
        (_, Reply result) = await SolveAsync(TaskCatalog.Task(name));
        string[] actual = [.. result.Solution.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(TaskCatalog.Valid[name].Fields.Order(StringComparer.Ordinal), actual);
        Assert.True(result.Json.GetProperty("cost").GetDecimal() > 0);
    }

    [Fact]
    public async Task Token_values_follow_the_documented_formula()
    {
        (long id, Reply r) = await SolveAsync(TaskCatalog.Task("RecaptchaV2"));
        Assert.Equal(Harness.Expected(id, "gRecaptchaResponse"), r.Solution.GetProperty("gRecaptchaResponse").GetString());

        (id, r) = await SolveAsync(TaskCatalog.Task("Turnstile token"));
        Assert.Equal(Harness.Expected(id, "token"), r.Solution.GetProperty("token").GetString());
        Assert.Equal(TaskCatalog.Ua, r.Solution.GetProperty("userAgent").GetString());

        (id, r) = await SolveAsync(TaskCatalog.Task("Turnstile widget"));
        Assert.Equal(EmulatorOptions.DefaultUserAgent, r.Solution.GetProperty("userAgent").GetString());

        (id, r) = await SolveAsync(TaskCatalog.Task("Turnstile cf_clearance"));
        Assert.Equal(Harness.Expected(id, "cf_clearance"), r.Solution.GetProperty("cf_clearance").GetString());
    }

    [Fact]
    public async Task Same_input_and_id_give_the_same_solution()
    {
        (long id, Reply first) = await SolveAsync(TaskCatalog.Task("HCaptcha"));
        Reply again = (await H.ResultAsync(id)).ShouldSucceed();
        Assert.Equal(first.Solution.GetRawText(), again.Solution.GetRawText());
        Assert.Equal(Harness.Expected(id, "respKey"), first.Solution.GetProperty("respKey").GetString());
    }

    [Fact]
    public async Task ImageToText_text_is_derived_from_the_image_bytes()
    {
        byte[] image = Convert.FromBase64String(TaskCatalog.Img);
        byte[] hash = SHA256.HashData(image);
        string hex = Convert.ToHexStringLower(hash)[..6];

        (_, Reply plain) = await SolveAsync(new JsonObject { ["type"] = "ImageToTextTask", ["body"] = TaskCatalog.Img });
        Assert.Equal(hex, plain.Solution.GetProperty("text").GetString());

        (_, Reply cased) = await SolveAsync(new JsonObject { ["type"] = "ImageToTextTask", ["body"] = TaskCatalog.Img, ["case"] = true });
        Assert.Equal(hex.ToUpperInvariant(), cased.Solution.GetProperty("text").GetString());

        (_, Reply numeric) = await SolveAsync(new JsonObject { ["type"] = "ImageToTextTask", ["body"] = TaskCatalog.Img, ["numeric"] = 1 });
        Assert.Equal((BinaryPrimitives.ReadUInt32BigEndian(hash) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), numeric.Solution.GetProperty("text").GetString());

        (_, Reply math) = await SolveAsync(new JsonObject { ["type"] = "ImageToTextTask", ["body"] = TaskCatalog.Img, ["math"] = true });
        Assert.Equal(((hash[0] % 10) + (hash[1] % 10)).ToString(System.Globalization.CultureInfo.InvariantCulture), math.Solution.GetProperty("text").GetString());

        // Another image, another answer.
        (_, Reply other) = await SolveAsync(new JsonObject { ["type"] = "ImageToTextTask", ["body"] = Harness.Image(300, seed: 7) });
        Assert.NotEqual(hex, other.Solution.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public async Task RecognizingThreshold_above_90_is_unsolvable_and_free(int threshold, bool solved)
    {
        string key = H.NewKey(1m);
        var task = new JsonObject { ["type"] = "ImageToTextTask", ["body"] = TaskCatalog.Img, ["recognizingThreshold"] = threshold };
        long id = (await H.CreateAsync(task, key)).ShouldSucceed().TaskId;
        Reply result = await H.ResultAsync(id, key);
        if (solved)
        {
            result.ShouldSucceed();
            Assert.Equal(0.9997m, H.State.GetBalance(key));
        }
        else
        {
            result.ShouldFail("ERROR_CAPTCHA_UNSOLVABLE");
            Assert.Equal(1m, H.State.GetBalance(key));
        }

        // The same through the key suffix.
        long viaSuffix = (await H.CreateAsync(new JsonObject { ["type"] = "ImageToTextTask", ["body"] = TaskCatalog.Img }, key + "__recognizingthreshold_" + threshold + "__nocache")).ShouldSucceed().TaskId;
        Assert.Equal(solved ? 0 : 1, (await H.ResultAsync(viaSuffix, key)).ErrorId);
    }

    [Fact]
    public async Task ComplexImage_answers_follow_grid_and_task_id()
    {
        (long id, Reply r) = await SolveAsync(TaskCatalog.Task("ComplexImage recaptcha urls"));
        bool[] answer = [.. r.Solution.GetProperty("answer").EnumerateArray().Select(e => e.GetBoolean())];
        Assert.Equal(9, answer.Length);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (id + i) % 3 == 0), answer);

        (_, r) = await SolveAsync(TaskCatalog.Task("ComplexImage recaptcha base64"));
        Assert.Equal(2, r.Solution.GetProperty("answer").GetArrayLength()); // 1x1: one answer per image
    }

    [Theory]
    [InlineData("oocl_rotate_new", 2, "NumericArray")]
    [InlineData("oocl_rotate_double_new", 3, "NumericArray")]
    [InlineData("betpunch_3x3_rotate", 9, "NumericArray")]
    [InlineData("bls_3x3", 9, "Grid")]
    [InlineData("shein", 1, "Coordinate")]
    [InlineData("baidu", 1, "NumericArray")]
    [InlineData("bills_audio", 1, "Text")]
    [InlineData("dli", 1, "Text")]
    public async Task Recognition_answer_type_matches_the_task(string name, int images, string answerType)
    {
        var task = new JsonObject
        {
            ["type"] = "ComplexImageTask",
            ["class"] = "recognition",
            ["imagesBase64"] = new JsonArray([.. Enumerable.Range(0, images).Select(_ => (JsonNode)TaskCatalog.Img)]),
            ["metadata"] = new JsonObject { ["Task"] = name, ["TaskArgument"] = "10", ["PayloadType"] = "Audio" },
        };
        (long id, Reply r) = await SolveAsync(task);
        Assert.Equal(answerType, r.Solution.GetProperty("metadata").GetProperty("AnswerType").GetString());
        JsonElement answer = r.Solution.GetProperty("answer");
        switch (name)
        {
            case "oocl_rotate_new" or "baidu":
                Assert.Equal(id % 360, answer[0].GetInt64());
                break;
            case "betpunch_3x3_rotate":
                Assert.All(answer.EnumerateArray(), v => Assert.InRange(v.GetInt32(), 1, 4));
                break;
            case "shein":
                Assert.Equal(id % 300, answer[0].GetProperty("X").GetInt64());
                break;
            case "bills_audio":
                Assert.Equal(4, answer.GetArrayLength());
                break;
            case "dli":
                Assert.Equal(JsonValueKind.String, answer.ValueKind);
                break;
        }
    }

    [Fact]
    public async Task GeeTest_values()
    {
        (long id, Reply v3) = await SolveAsync(TaskCatalog.Task("GeeTest v3"));
        Assert.Equal("7f044f48bc951ecfbfc03842b5e1fe59", v3.Solution.GetProperty("challenge").GetString());
        Assert.Equal(Harness.Expected(id, "validate") + "|jordan", v3.Solution.GetProperty("seccode").GetString());

        (_, Reply v4) = await SolveAsync(TaskCatalog.Task("GeeTest v4"));
        Assert.Equal("e392e1d7fd421dc63325744d5a2b9c73", v4.Solution.GetProperty("captcha_id").GetString());
        Assert.All(v4.Solution.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal(H.Clock!.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), v4.Solution.GetProperty("gen_time").GetString());
    }

    [Fact]
    public async Task Amazon_form_depends_on_cookieSolution()
    {
        (long id, Reply cookies) = await SolveAsync(TaskCatalog.Task("Amazon challenge cookies"));
        Assert.Equal(Harness.Expected(id, "aws-waf-token"), cookies.Solution.GetProperty("cookies").GetProperty("aws-waf-token").GetString());

        (id, Reply voucher) = await SolveAsync(TaskCatalog.Task("Amazon jsapi"));
        Assert.Equal(Harness.Expected(id, "captcha_voucher"), voucher.Solution.GetProperty("captcha_voucher").GetString());
    }

    [Fact]
    public async Task Custom_task_solutions_are_keyed_by_host()
    {
        (long id, Reply dd) = await SolveAsync(TaskCatalog.Task("DataDome"));
        Assert.Equal(Harness.Expected(id, "datadome"), dd.Solution.GetProperty("domains").GetProperty("shop.example.com").GetProperty("cookies").GetProperty("datadome").GetString());

        (_, Reply tspd) = await SolveAsync(TaskCatalog.Task("tspd"));
        JsonElement cookies = tspd.Solution.GetProperty("Domains").GetProperty("bank.example.com").GetProperty("Cookies");
        Assert.True(cookies.TryGetProperty("TS386a400d029", out _));
        Assert.True(cookies.TryGetProperty("TSPD_101_DID", out _));

        (_, Reply castle) = await SolveAsync(TaskCatalog.Task("Castle"));
        Assert.Equal(3, castle.Solution.GetProperty("data").GetProperty("tokens").GetArrayLength());
        Assert.Equal(0.0024m, castle.Json.GetProperty("cost").GetDecimal());

        (_, Reply tendi) = await SolveAsync(TaskCatalog.Task("TenDI"));
        Assert.True(tendi.Solution.GetProperty("data").TryGetProperty("ticket", out _));
        Assert.Equal(EmulatorOptions.DefaultUserAgent, tendi.Solution.GetProperty("headers").GetProperty("User-Agent").GetString());

        (_, Reply alibaba) = await SolveAsync(TaskCatalog.Task("alibaba"));
        string tokens = alibaba.Solution.GetProperty("data").GetProperty("tokens").GetString()!;
        Assert.Equal("1ww1ww", JsonDocument.Parse(tokens).RootElement.GetProperty("sceneId").GetString());

        (id, Reply altcha) = await SolveAsync(TaskCatalog.Task("altcha"));
        Assert.Equal(id % 5000, altcha.Solution.GetProperty("data").GetProperty("number").GetInt64());

        JsonObject imperva = TaskCatalog.Task("Imperva");
        imperva["metadata"]!["reese84UrlEndpoint"] = "Built-with-the-";
        (_, Reply imp) = await SolveAsync(imperva);
        Assert.True(imp.Solution.GetProperty("domains").GetProperty("example.com").GetProperty("cookies").TryGetProperty("reese84", out _));
    }

    [Fact]
    public async Task Castle_count_is_capped_at_49()
    {
        JsonObject task = TaskCatalog.Task("Castle");
        task["metadata"]!["count"] = 100;
        (_, Reply r) = await SolveAsync(task);
        Assert.Equal(49, r.Solution.GetProperty("data").GetProperty("tokens").GetArrayLength());
    }

    [Fact]
    public async Task Ready_answer_carries_cost_and_extra_fields()
    {
        (_, Reply r) = await SolveAsync(TaskCatalog.Task("RecaptchaV2"));
        Assert.Equal(0.0006m, r.Json.GetProperty("cost").GetDecimal());
        Assert.Equal("0.0006", r.Json.GetProperty("cost").GetRawText());
        Assert.True(r.Json.TryGetProperty("createTime", out _));
        Assert.True(r.Json.TryGetProperty("endTime", out _));
    }
}
