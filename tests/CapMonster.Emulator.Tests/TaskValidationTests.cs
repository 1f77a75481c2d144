using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CapMonster.Emulator;

namespace CapMonster.Emulator.Tests;


/// <summary>createTask validation: every required field of every type/variant/class, sizes, proxies, legacy names.</summary>
public sealed class TaskValidationTests(SharedEmulatorFixture fixture) : IClassFixture<SharedEmulatorFixture>
{
    private const string Domain = "ERROR_RECAPTCHA_INVALID_DOMAIN";
    private const string SiteKey = "ERROR_RECAPTCHA_INVALID_SITEKEY";
    private const string Absent = "ERROR_TASK_ABSENT";
    private const string NotSupported = "ERROR_TASK_NOT_SUPPORTED";
    private const string ProxyMissing = "ERROR_PROXY_MISSING";
    private const string WrongUa = "ERROR_WRONG_USERAGENT";
    private const string ZeroSize = "ERROR_ZERO_CAPTCHA_FILESIZE";
    private const string TooBig = "ERROR_TOO_BIG_CAPTCHA_FILESIZE";

    private Harness H => fixture.Harness;

    public static TheoryData<string> ValidNames => new(TaskCatalog.Valid.Keys);

    /// <summary>(task, removed field, expected error).</summary>
    public static TheoryData<string, string, string> MissingFields => new()
    {
        { "ImageToText", "body", ZeroSize },
        { "ImageToText", "type", NotSupported },
        { "ComplexImage recaptcha urls", "imageUrls", Absent },
        { "ComplexImage recaptcha urls", "metadata.Grid", Absent },
        { "ComplexImage recaptcha urls", "metadata.Task", Absent },
        { "ComplexImage recaptcha urls", "metadata", Absent },
        { "ComplexImage recaptcha urls", "class", NotSupported },
        { "ComplexImage recaptcha base64", "imagesBase64", Absent },
        { "ComplexImage recaptcha base64", "metadata.TaskDefinition", Absent },
        { "ComplexImage recognition", "imagesBase64", Absent },
        { "ComplexImage recognition", "metadata.Task", Absent },
        { "RecaptchaV2", "websiteURL", Domain },
        { "RecaptchaV2", "websiteKey", SiteKey },
        { "RecaptchaV2Enterprise", "websiteURL", Domain },
        { "RecaptchaV2Enterprise", "websiteKey", SiteKey },
        { "RecaptchaV3", "websiteURL", Domain },
        { "RecaptchaV3", "websiteKey", SiteKey },
        { "RecaptchaV3Enterprise", "websiteURL", Domain },
        { "RecaptchaV3Enterprise", "websiteKey", SiteKey },
        { "Turnstile widget", "websiteURL", Domain },
        { "Turnstile widget", "websiteKey", SiteKey },
        { "Turnstile token", "websiteURL", Domain },
        { "Turnstile token", "websiteKey", SiteKey },
        { "Turnstile token", "pageAction", Absent },
        { "Turnstile token", "userAgent", WrongUa },
        { "Turnstile token", "data", Absent },
        { "Turnstile token", "pageData", Absent },
        { "Turnstile cf_clearance", "websiteURL", Domain },
        { "Turnstile cf_clearance", "websiteKey", SiteKey },
        { "Turnstile cf_clearance", "htmlPageBase64", Absent },
        { "Turnstile cf_clearance", "userAgent", WrongUa },
        { "Turnstile cf_clearance", "proxy", ProxyMissing },
        { "Turnstile cf_clearance", "proxyPassword", ProxyMissing },
        { "Turnstile cf_clearance", "proxyType", ProxyMissing },
        { "Turnstile wait_room", "htmlPageBase64", Absent },
        { "Turnstile wait_room", "userAgent", WrongUa },
        { "Turnstile wait_room", "proxy", ProxyMissing },
        { "Turnstile wait_room", "proxyLogin", ProxyMissing },
        { "GeeTest v3", "websiteURL", Domain },
        { "GeeTest v3", "gt", SiteKey },
        { "GeeTest v3", "challenge", Absent },
        { "GeeTest v4", "websiteURL", Domain },
        { "GeeTest v4", "gt", SiteKey },
        { "FunCaptcha", "websiteURL", Domain },
        { "FunCaptcha", "websitePublicKey", SiteKey },
        { "HCaptcha", "websiteURL", Domain },
        { "HCaptcha", "websiteKey", SiteKey },
        { "Amazon jsapi", "websiteURL", Domain },
        { "Amazon jsapi", "websiteKey", SiteKey },
        { "Amazon jsapi", "captchaScript", Absent },
        { "Amazon challenge cookies", "websiteKey", SiteKey },
        { "Amazon challenge cookies", "context", Absent },
        { "Amazon challenge cookies", "iv", Absent },
        { "Amazon invisible", "iv", Absent },
        { "Binance", "websiteURL", Domain },
        { "Binance", "websiteKey", SiteKey },
        { "Binance", "validateId", Absent },
        { "Prosopo", "websiteURL", Domain },
        { "Prosopo", "websiteKey", SiteKey },
        { "MTCaptcha", "websiteURL", Domain },
        { "MTCaptcha", "websiteKey", SiteKey },
        { "Yidun", "websiteURL", Domain },
        { "Yidun", "websiteKey", SiteKey },
        { "DataDome", "class", NotSupported },
        { "DataDome", "websiteURL", Domain },
        { "DataDome", "metadata.captchaUrl", Absent },
        { "DataDome", "metadata.datadomeCookie", Absent },
        { "DataDome", "metadata", Absent },
        { "DataDome", "proxy", ProxyMissing },
        { "DataDome", "proxyAddress", ProxyMissing },
        { "TenDI", "websiteURL", Domain },
        { "TenDI", "websiteKey", SiteKey },
        { "Basilisk", "websiteURL", Domain },
        { "Basilisk", "websiteKey", SiteKey },
        { "Imperva", "websiteURL", Domain },
        { "Imperva", "metadata.incapsulaScriptUrl", Absent },
        { "Imperva", "metadata.incapsulaCookies", Absent },
        { "Imperva", "proxy", ProxyMissing },
        { "Imperva", "proxyPort", ProxyMissing },
        { "altcha", "websiteURL", Domain },
        { "altcha", "websiteKey", SiteKey },
        { "altcha", "metadata.challenge", Absent },
        { "altcha", "metadata.iterations", Absent },
        { "altcha", "metadata.salt", Absent },
        { "altcha", "metadata.signature", Absent },
        { "Castle", "websiteURL", Domain },
        { "Castle", "websiteKey", SiteKey },
        { "Castle", "metadata.wUrl", Absent },
        { "Castle", "metadata.swUrl", Absent },
        { "tspd", "websiteURL", Domain },
        { "tspd", "metadata.tspdCookie", Absent },
        { "tspd", "metadata.htmlPageBase64", Absent },
        { "tspd", "userAgent", WrongUa },
        { "tspd", "proxy", ProxyMissing },
        { "tspd", "proxyPassword", ProxyMissing },
        { "HUNT", "websiteURL", Domain },
        { "HUNT", "metadata.apiGetLib", Absent },
        { "HUNT", "proxy", ProxyMissing },
        { "alibaba", "websiteURL", Domain },
        { "alibaba", "metadata.sceneId", Absent },
        { "alibaba", "metadata.prefix", Absent },
        { "Temu", "websiteURL", Domain },
        { "Temu", "metadata.cookie", Absent },
    };

    /// <summary>(task, field, JSON value to set, expected error).</summary>
    public static TheoryData<string, string, string, string> BadValues => new()
    {
        { "RecaptchaV2", "websiteURL", "\"ftp://example.com/\"", Domain },
        { "RecaptchaV2", "websiteURL", "\"example.com\"", Domain },
        { "RecaptchaV2", "websiteURL", "\"javascript:alert(1)\"", Domain },
        { "RecaptchaV2", "websiteURL", "42", Domain },
        { "RecaptchaV2", "websiteKey", "\"  \"", SiteKey },
        { "RecaptchaV2", "proxyType", "\"ftp\"", ProxyMissing },
        { "RecaptchaV2", "proxyAddress", "\"8.8.8.8\"", ProxyMissing },
        { "Turnstile cf_clearance", "proxyType", "\"ftp\"", ProxyMissing },
        { "Turnstile cf_clearance", "proxyPort", "0", ProxyMissing },
        { "Turnstile cf_clearance", "proxyPort", "\"8080\"", ProxyMissing },
        { "Turnstile widget", "cloudflareTaskType", "\"bogus\"", NotSupported },
        { "GeeTest v4", "version", "5", NotSupported },
        { "GeeTest v3", "geetestApiServerSubdomain", "\"api.geetest.com\"", Absent },
        { "ComplexImage recaptcha urls", "class", "\"hcaptcha\"", NotSupported },
        { "ComplexImage recaptcha urls", "class", "\"funcaptcha\"", NotSupported },
        { "ComplexImage recaptcha urls", "imageUrls", "[]", Absent },
        { "ComplexImage recaptcha urls", "imageUrls", "[\"not a url\"]", Absent },
        { "ComplexImage recaptcha urls", "metadata", "{\"Grid\":\"5x5\",\"Task\":\"x\"}", Absent },
        { "ComplexImage recognition", "metadata", "{\"Task\":\"oocl_rotate_new\"}", Absent },
        { "ComplexImage recognition", "metadata", "{\"Task\":\"bls_3x3\"}", Absent },
        { "DataDome", "class", "\"NoSuchClass\"", NotSupported },
        { "Castle", "metadata", "{\"wUrl\":\"a\",\"swUrl\":\"b\",\"count\":0}", Absent },
        { "RecaptchaV3", "minScore", "1.5", Absent },
        { "ImageToText", "type", "\"FooTask\"", NotSupported },
        { "ImageToText", "body", "\"not base64!!\"", ZeroSize },
        { "ImageToText", "body", "12345", ZeroSize },
    };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public async Task Minimal_valid_task_is_accepted(string name)
    {
        Reply reply = await H.CreateAsync(TaskCatalog.Task(name));
        reply.ShouldSucceed();
        Assert.True(reply.TaskId > int.MaxValue);
    }

    [Theory]
    [MemberData(nameof(MissingFields))]
    public async Task Missing_required_field_is_rejected(string name, string field, string expected)
    {
        (await H.CreateAsync(TaskCatalog.Without(name, field))).ShouldFail(expected);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Bad_field_value_is_rejected(string name, string field, string json, string expected)
    {
        JsonObject task = TaskCatalog.Task(name);
        task[field] = JsonNode.Parse(json);
        (await H.CreateAsync(task)).ShouldFail(expected);
    }

    [Theory]
    [InlineData(99, ZeroSize)]
    [InlineData(100, null)]
    [InlineData(50_000, null)]
    [InlineData(50_001, TooBig)]
    [InlineData(1, ZeroSize)]
    public async Task ImageToText_size_limits_apply_to_decoded_bytes(int bytes, string? expected)
    {
        Reply reply = await H.CreateAsync(new JsonObject { ["type"] = "ImageToTextTask", ["body"] = Harness.Image(bytes) });
        if (expected is null)
        {
            reply.ShouldSucceed();
        }
        else
        {
            reply.ShouldFail(expected);
        }
    }

    [Theory]
    [InlineData(10, ZeroSize)]
    [InlineData(50_001, TooBig)]
    public async Task ComplexImage_items_have_the_same_size_limits(int bytes, string expected)
    {
        foreach (string name in new[] { "ComplexImage recaptcha base64", "ComplexImage recognition" })
        {
            JsonObject task = TaskCatalog.Task(name);
            task["imagesBase64"] = new JsonArray(TaskCatalog.Img, Harness.Image(bytes));
            if (name.EndsWith("recognition", System.StringComparison.Ordinal))
            {
                task["imagesBase64"] = new JsonArray(Harness.Image(bytes));
            }

            (await H.CreateAsync(task)).ShouldFail(expected);
        }
    }

    [Fact]
    public async Task Optional_proxy_is_accepted_complete_or_ip_authorised()
    {
        JsonObject task = TaskCatalog.Task("RecaptchaV2");
        task["proxyType"] = "socks5";
        task["proxyAddress"] = "8.8.8.8";
        task["proxyPort"] = 1080;
        (await H.CreateAsync(task)).ShouldSucceed();
        task["proxyLogin"] = "u";
        task["proxyPassword"] = "p";
        (await H.CreateAsync(task)).ShouldSucceed();
    }

    [Fact]
    public async Task GeeTest_refuses_ip_authorised_proxy()
    {
        JsonObject task = TaskCatalog.Task("GeeTest v3");
        task["proxyType"] = "http";
        task["proxyAddress"] = "8.8.8.8";
        task["proxyPort"] = 8080;
        (await H.CreateAsync(task)).ShouldFail(ProxyMissing);
        task["proxyLogin"] = "u";
        task["proxyPassword"] = "p";
        (await H.CreateAsync(task)).ShouldSucceed();
    }

    [Fact]
    public async Task Empty_strings_are_allowed_where_the_reference_says_any_string()
    {
        JsonObject cf = TaskCatalog.Task("Turnstile cf_clearance");
        cf["websiteKey"] = string.Empty;
        (await H.CreateAsync(cf)).ShouldSucceed();

        // DataDome: htmlPageBase64 may stand in for captchaUrl.
        JsonObject dd = TaskCatalog.Without("DataDome", "metadata.captchaUrl");
        dd["metadata"]!["htmlPageBase64"] = "PGh0bWw+";
        (await H.CreateAsync(dd)).ShouldSucceed();
    }

    [Theory]
    [InlineData("NoCaptchaTask", "RecaptchaV2Task")]
    [InlineData("NoCaptchaTaskProxyless", "RecaptchaV2Task")]
    [InlineData("RecaptchaV2TaskProxyless", "RecaptchaV2Task")]
    [InlineData("RecaptchaV2EnterpriseTaskProxyless", "RecaptchaV2EnterpriseTask")]
    [InlineData("HCaptchaTaskProxyless", "HCaptchaTask")]
    [InlineData("TurnstileTaskProxyless", "TurnstileTask")]
    [InlineData("ProsopoTaskProxyless", "ProsopoTask")]
    [InlineData("recaptchav2task", "RecaptchaV2Task")]
    public async Task Legacy_type_names_are_accepted(string legacy, string current)
    {
        var task = new JsonObject { ["type"] = legacy, ["websiteURL"] = "https://example.com/", ["websiteKey"] = "k" };
        long id = (await H.CreateAsync(task)).ShouldSucceed().TaskId;
        Assert.Equal(current, H.State.GetTask(id)!.Type);
        Assert.Equal("ready", (await H.ResultAsync(id)).ShouldSucceed().Status2);
    }

    [Theory]
    [InlineData("GeeTestTaskProxyless", "{\"gt\":\"g\",\"challenge\":\"c\"}", "GeeTestTask")]
    [InlineData("FunCaptchaTaskProxyless", "{\"websitePublicKey\":\"pk\"}", "FunCaptchaTask")]
    [InlineData("BinanceTaskProxyless", "{\"websiteKey\":\"login\",\"validateId\":\"v\"}", "BinanceTask")]
    public async Task Other_legacy_names_are_accepted(string legacy, string fields, string current)
    {
        JsonObject task = JsonNode.Parse(fields)!.AsObject();
        task["type"] = legacy;
        task["websiteURL"] = "https://example.com/";
        long id = (await H.CreateAsync(task)).ShouldSucceed().TaskId;
        Assert.Equal(current, H.State.GetTask(id)!.Type);
    }

    [Fact]
    public async Task Missing_or_non_object_task_is_task_absent()
    {
        (await H.CallAsync("createTask", new JsonObject { ["clientKey"] = Harness.Key })).ShouldFail(Absent);
        (await H.CallAsync("createTask", new JsonObject { ["clientKey"] = Harness.Key, ["task"] = "RecaptchaV2Task" })).ShouldFail(Absent);
        (await H.PostRawAsync("createTask", "{\"clientKey\":\"" + Harness.Key + "\",\"task\":{")).ShouldFail(Absent);
        (await H.PostRawAsync("createTask", "[1,2]")).ShouldFail(Absent);
        (await H.PostRawAsync("createTask", null)).ShouldFail(Absent);
    }

    [Fact]
    public async Task Property_names_are_case_insensitive()
    {
        string body = "{\"CLIENTKEY\":\"" + Harness.Key + "\",\"Task\":{\"Type\":\"ComplexImageTask\",\"Class\":\"recaptcha\","
            + "\"ImageURLs\":[\"https://example.com/a.jpg\"],\"metadata\":{\"grid\":\"4x4\",\"task\":\"Click on bicycles\"},\"websiteUrl\":\"https://example.com/\"}}";
        Reply reply = (await H.PostRawAsync("createTask", body)).ShouldSucceed();
        Reply result = (await H.ResultAsync(reply.TaskId)).ShouldSucceed();
        Assert.Equal(16, result.Solution.GetProperty("answer").GetArrayLength());
    }

    [Fact]
    public void Catalog_covers_every_missing_field_case()
    {
        // Every catalog entry used by the missing-field table exists, and every type/variant has at least one case.
        var names = MissingFields.Select(row => (string)row[0]).ToHashSet();
        Assert.All(names, n => Assert.Contains(n, TaskCatalog.Valid.Keys));
        Assert.True(names.Count >= 30, "cases cover " + names.Count + " tasks");
    }
}
