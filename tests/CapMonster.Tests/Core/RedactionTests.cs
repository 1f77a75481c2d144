using System;
using CapMonster.Api;

namespace CapMonster.Tests.Core
{
    public class RedactionTests
    {
        [Theory]
        [InlineData("""{"clientKey":"abc"}""", """{"clientKey":"***"}""")]
        [InlineData("""{"clientKey":"abc__nocache__solvemedia","taskId":5}""", """{"clientKey":"***","taskId":5}""")]
        [InlineData("""{ "ClientKey" : "abc" }""", """{ "ClientKey" : "***" }""")]
        [InlineData("""{"clientKey":"a\"b\\c"}""", """{"clientKey":"***"}""")]
        [InlineData("""{"task":{"proxyPassword":"s3cret","proxyLogin":"me"}}""", """{"task":{"proxyPassword":"***","proxyLogin":"me"}}""")]
        [InlineData("""{"balance":1}""", """{"balance":1}""")]
        public void Redacts_the_key_and_the_proxy_password_in_json(string json, string expected)
        {
            Assert.Equal(expected, Redaction.RedactJson(json));
        }

        [Fact]
        public void Scrubs_the_key_and_its_base_out_of_free_text()
        {
            ApiKey key = ApiKey.FromPlainText("0123456789abcdef__nocache");
            Assert.Equal("key *** and *** are bad", Redaction.Scrub("key 0123456789abcdef__nocache and 0123456789abcdef are bad", key));
            Assert.Equal("nothing to hide", Redaction.Scrub("nothing to hide", key));
            Assert.Equal("***", key.ToString());
        }

        [Theory]
        [InlineData("https://api.capmonster.cloud", "https://api.capmonster.cloud/")]
        [InlineData("https://proxy.example/capmonster", "https://proxy.example/capmonster/")]
        [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
        [InlineData("http://localhost:5000/", "http://localhost:5000/")]
        [InlineData("http://[::1]:5000/", "http://[::1]:5000/")]
        [InlineData("http://api.capmonster.cloud", null)]
        [InlineData("http://10.0.0.5:5000", null)]
        [InlineData("ftp://127.0.0.1/", null)]
        [InlineData("https://user:s3cret@api.capmonster.cloud/", null)]
        [InlineData("http://token@127.0.0.1:5000/", null)]
        public void Requires_https_except_for_loopback_and_no_user_info(string uri, string? expected)
        {
            Assert.Equal(expected, ConnectionSettings.NormalizeServiceUri(new Uri(uri))?.ToString());
        }

        [Fact]
        public void Rejects_a_relative_service_uri()
        {
            Assert.Null(ConnectionSettings.NormalizeServiceUri(new Uri("api.capmonster.cloud", UriKind.Relative)));
        }

        [Fact]
        public void Asks_the_official_web_host_for_the_user_agent_and_an_emulator_itself()
        {
            ConnectionSettings Settings(string uri) => new(null, new Uri(uri), TimeSpan.FromSeconds(1), 0, WebProxySettings.System);
            Assert.Equal("https://capmonster.cloud/api/useragent/actual", Settings("https://api.capmonster.cloud/").UserAgentUri.ToString());
            Assert.Equal("http://127.0.0.1:9/api/useragent/actual", Settings("http://127.0.0.1:9/").UserAgentUri.ToString());
        }
    
        [Theory]
        [InlineData("socks5://u:PASS@1.2.3.4", "socks5://***@1.2.3.4")]
        [InlineData("http://user:p@ss:w@rd@proxy:8080/x", "http://***@proxy:8080/x")]
        [InlineData("https://token@host/", "https://***@host/")]
        [InlineData("not a uri:PASS@x", "not a uri:PASS@x")]
        [InlineData("http://proxy:8080/a@b", "http://proxy:8080/a@b")]
        public void Hides_user_info_in_uri_text_that_may_not_parse(string text, string expected)
        {
            Assert.Equal(expected, Redaction.HideUserInfo(text));
        }

        [Fact]
        public void Masks_secrets_of_a_raw_task_given_as_an_errors_target_at_any_depth_without_touching_the_original()
        {
            var inner = new System.Collections.Hashtable { ["ProxyPassword"] = "s3cret", ["proxyLogin"] = "me" };
            var task = new System.Collections.Specialized.OrderedDictionary { ["type"] = "RecaptchaV2Task", ["nested"] = inner, ["clientKey"] = "k" };
            task["self"] = task; // a dictionary that contains itself must not loop
            var safe = Assert.IsType<System.Collections.Specialized.OrderedDictionary>(Redaction.SafeTarget(new System.Management.Automation.PSObject(task)));
            Assert.Equal("***", safe["clientKey"]);
            Assert.Equal("***", ((System.Collections.IDictionary)safe["nested"]!)["proxyPassword"]);
            Assert.Equal("me", ((System.Collections.IDictionary)safe["nested"]!)["proxyLogin"]);
            Assert.Equal("s3cret", inner["ProxyPassword"]);
            var plain = new System.Collections.Hashtable { ["type"] = "ImageToTextTask" };
            Assert.Same(plain, Redaction.SafeTarget(plain));
            Assert.Equal(42L, Redaction.SafeTarget(42L));
        }

        [Theory]
        [InlineData("http://proxy.corp:8080", true)]
        [InlineData("http://127.0.0.1:3128/", true)]
        [InlineData("socks5://10.0.0.1:1080", true)]
        [InlineData("proxy.corp:8080", false)]
        [InlineData("ftp://proxy.corp:21", false)]
        [InlineData("http://proxy.corp:8080/path", false)]
        [InlineData("http://user:pass@proxy.corp:8080", false)]
        public void Takes_only_a_web_proxy_uri_without_user_info(string text, bool usable)
        {
            Uri uri = Uri.TryCreate(text, UriKind.Absolute, out Uri? absolute) ? absolute : new Uri(text, UriKind.Relative);
            string? problem = WebProxySettings.Problem(uri);
            Assert.Equal(usable, problem is null);
            Assert.DoesNotContain("pass@", problem ?? string.Empty, StringComparison.Ordinal);
            Assert.NotNull(WebProxySettings.Problem(new Uri("not a proxy", UriKind.Relative)));
        }
    }
}
