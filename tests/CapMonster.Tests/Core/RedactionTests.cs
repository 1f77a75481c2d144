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
        public void Requires_https_except_for_loopback(string uri, string? expected)
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
    }
}
