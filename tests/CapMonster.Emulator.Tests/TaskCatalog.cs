using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace CapMonster.Emulator.Tests;

/// <summary>
/// Minimal valid tasks, one per type/variant/class, written from our own reading of the API reference §3
/// (independent of the emulator's rules), and the solution fields each must produce.
/// </summary>
internal static class TaskCatalog
{
    public const string Ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36";

    private const string Proxy = "\"proxyType\":\"http\",\"proxyAddress\":\"8.8.8.8\",\"proxyPort\":8080,\"proxyLogin\":\"user\",\"proxyPassword\":\"s3cret-pass\"";

    public static readonly string Img = Harness.Image(200);

    /// <summary>name → (task JSON, expected top-level solution fields).</summary>
    public static readonly Dictionary<string, (string Task, string[] Fields)> Valid = new()
    {
        ["ImageToText"] = ($$"""{"type":"ImageToTextTask","body":"{{Img}}"}""", ["text"]),
        ["ComplexImage recaptcha urls"] = ("""{"type":"ComplexImageTask","class":"recaptcha","imageUrls":["https://example.com/a.jpg"],"metadata":{"Grid":"3x3","Task":"Click on traffic lights"}}""", ["answer"]),
        ["ComplexImage recaptcha base64"] = ($$$"""{"type":"ComplexImageTask","class":"recaptcha","imagesBase64":["{{{Img}}}","{{{Img}}}"],"metadata":{"Grid":"1x1","TaskDefinition":"/m/015qff"}}""", ["answer"]),
        ["ComplexImage recognition"] = ($$$"""{"type":"ComplexImageTask","class":"recognition","imagesBase64":["{{{Img}}}"],"metadata":{"Task":"shein"}}""", ["answer", "metadata"]),
        ["RecaptchaV2"] = ("""{"type":"RecaptchaV2Task","websiteURL":"https://example.com/login","websiteKey":"6Le-site-key"}""", ["gRecaptchaResponse"]),
        ["RecaptchaV2Enterprise"] = ("""{"type":"RecaptchaV2EnterpriseTask","websiteURL":"https://example.com/login","websiteKey":"6Le-site-key","enterprisePayload":{"s":"x"}}""", ["gRecaptchaResponse", "userAgent", "cookies"]),
        ["RecaptchaV3"] = ("""{"type":"RecaptchaV3TaskProxyless","websiteURL":"https://example.com/","websiteKey":"6Le-v3","minScore":0.7,"pageAction":"login"}""", ["gRecaptchaResponse"]),
        ["RecaptchaV3Enterprise"] = ("""{"type":"RecaptchaV3EnterpriseTask","websiteURL":"https://example.com/","websiteKey":"6Le-v3e"}""", ["gRecaptchaResponse"]),
        ["Turnstile widget"] = ("""{"type":"TurnstileTask","websiteURL":"https://example.com/","websiteKey":"0x4AAAAAAA"}""", ["token", "userAgent"]),
        ["Turnstile token"] = ($$"""{"type":"TurnstileTask","websiteURL":"https://example.com/","websiteKey":"0x4AAAAAAA","cloudflareTaskType":"token","pageAction":"managed","userAgent":"{{Ua}}","data":"cdata","pageData":"chlpagedata"}""", ["token", "userAgent"]),
        ["Turnstile cf_clearance"] = ($$"""{"type":"TurnstileTask","websiteURL":"https://example.com/","websiteKey":"xxxxx","cloudflareTaskType":"cf_clearance","htmlPageBase64":"PGh0bWw+","userAgent":"{{Ua}}",{{Proxy}}}""", ["cf_clearance"]),
        ["Turnstile wait_room"] = ($$"""{"type":"TurnstileTask","websiteURL":"https://example.com/","websiteKey":"xxxxx","cloudflareTaskType":"wait_room","htmlPageBase64":"PGh0bWw+","userAgent":"{{Ua}}",{{Proxy}}}""", ["cf_clearance"]),
        ["GeeTest v3"] = ("""{"type":"GeeTestTask","websiteURL":"https://example.com/","gt":"022397c99c9f646f6477822485f30404","challenge":"7f044f48bc951ecfbfc03842b5e1fe59"}""", ["challenge", "validate", "seccode"]),
        ["GeeTest v4"] = ("""{"type":"GeeTestTask","websiteURL":"https://example.com/","gt":"e392e1d7fd421dc63325744d5a2b9c73","version":4,"initParameters":{"riskType":"slide"}}""", ["captcha_id", "lot_number", "pass_token", "gen_time", "captcha_output"]),
        ["FunCaptcha"] = ("""{"type":"FunCaptchaTask","websiteURL":"https://example.com/","websitePublicKey":"69A21A01-CC7B-B9C6-0F9A-E7FA06677FFC"}""", ["token", "userAgent"]),
        ["HCaptcha"] = ("""{"type":"HCaptchaTask","websiteURL":"https://example.com/","websiteKey":"a5f74b19-9e45-40e0-b45d-47ff91b7a6c2"}""", ["gRecaptchaResponse", "respKey", "userAgent"]),
        ["Amazon jsapi"] = ("""{"type":"AmazonTask","websiteURL":"https://example.com/","websiteKey":"AQIDAHjc","captchaScript":"https://x.token.awswaf.com/jsapi.js"}""", ["captcha_voucher", "existing_token"]),
        ["Amazon challenge cookies"] = ("""{"type":"AmazonTask","websiteURL":"https://example.com/","challengeScript":"https://x.token.awswaf.com/challenge.js","websiteKey":"AQIDAHjc","context":"ctx","iv":"iv1","cookieSolution":true}""", ["cookies", "userAgent"]),
        ["Amazon invisible"] = ("""{"type":"AmazonTask","websiteURL":"https://example.com/","challengeScript":"https://x.token.awswaf.com/challenge.js","captchaScript":"","websiteKey":"","context":"","iv":""}""", ["captcha_voucher", "existing_token"]),
        ["Binance"] = ("""{"type":"BinanceTask","websiteURL":"https://example.com/","websiteKey":"login","validateId":"abc123"}""", ["token", "userAgent"]),
        ["Prosopo"] = ("""{"type":"ProsopoTask","websiteURL":"https://example.com/","websiteKey":"5EZU3LG31uzq1Mwi8inwqxmfvFDpj7VzwDnZwj4Q3syyxBwV"}""", ["token"]),
        ["MTCaptcha"] = ("""{"type":"MTCaptchaTask","websiteURL":"https://example.com/","websiteKey":"MTPublic-abc"}""", ["token"]),
        ["Yidun"] = ("""{"type":"YidunTask","websiteURL":"https://example.com/","websiteKey":"6cw0f0485d5d46auacf9b735d20218a5"}""", ["token"]),
        ["DataDome"] = ($$"""{"type":"CustomTask","class":"DataDome","websiteURL":"https://shop.example.com/","metadata":{"captchaUrl":"https://geo.captcha-delivery.com/captcha/?x=1","datadomeCookie":"datadome=abc"},{{Proxy}}}""", ["domains", "url", "fingerprint", "headers", "data"]),
        ["TenDI"] = ("""{"type":"CustomTask","class":"TenDI","websiteURL":"https://example.com/","websiteKey":"189123456"}""", ["data", "headers"]),
        ["Basilisk"] = ("""{"type":"CustomTask","class":"Basilisk","websiteURL":"https://example.com/","websiteKey":"b7890hre5cf2544b2"}""", ["data", "headers"]),
        ["Imperva"] = ($$"""{"type":"CustomTask","class":"Imperva","websiteURL":"https://example.com/","metadata":{"incapsulaScriptUrl":"_Incapsula_Resource?SWJIYLWA=1","incapsulaCookies":"incap_ses_1=abc"},{{Proxy}}}""", ["domains"]),
        ["altcha"] = ("""{"type":"CustomTask","class":"altcha","websiteURL":"https://example.com/","websiteKey":"","metadata":{"challenge":"3dd28253be6cc0c5","iterations":"5000","salt":"46d5b1c8871e8aeb?edk=1&expires=1","signature":"4b1cf0e0be0f4e5247e50b0f9a449830f1fbca44c32ff94bc080146815f31a18"}}""", ["data"]),
        ["Castle"] = ("""{"type":"CustomTask","class":"Castle","websiteURL":"https://example.com/","websiteKey":"pk_abc","metadata":{"wUrl":"https://s.example.com/cw.js","swUrl":"https://s.example.com/csw.js","count":3}}""", ["data", "domains"]),
        ["tspd"] = ($$"""{"type":"CustomTask","class":"tspd","websiteURL":"https://bank.example.com/","userAgent":"{{Ua}}","metadata":{"tspdCookie":"TS386a400d029=abc; other=1","htmlPageBase64":"PGh0bWw+"},{{Proxy}}}""", ["Domains"]),
        ["HUNT"] = ($$"""{"type":"CustomTask","class":"HUNT","websiteURL":"https://example.com/","metadata":{"apiGetLib":"https://example.com/hd-api/external/apps/a/api.js"},{{Proxy}}}""", ["data"]),
        ["alibaba"] = ("""{"type":"CustomTask","class":"alibaba","websiteURL":"https://example.com/","metadata":{"sceneId":"1ww1ww","prefix":"abc"}}""", ["data"]),
        ["Temu"] = ("""{"type":"CustomTask","class":"Temu","websiteURL":"https://www.temu.com/","metadata":{"cookie":"api_uid=abc"}}""", ["domains"]),
    };

    /// <summary>A valid task as a fresh JsonObject.</summary>
    public static JsonObject Task(string name) => JsonNode.Parse(Valid[name].Task)!.AsObject();

    /// <summary>Removes a field ("a" or "metadata.b"; "proxy" = all five proxy fields).</summary>
    public static JsonObject Without(string name, string path)
    {
        JsonObject task = Task(name);
        if (path == "proxy")
        {
            foreach (string f in new[] { "proxyType", "proxyAddress", "proxyPort", "proxyLogin", "proxyPassword" })
            {
                task.Remove(f);
            }

            return task;
        }

        string[] parts = path.Split('.');
        JsonObject target = parts.Length == 2 ? task[parts[0]]!.AsObject() : task;
        Assert.True(target.Remove(parts[^1]), $"{name} has no {path}");
        return task;
    }
}
