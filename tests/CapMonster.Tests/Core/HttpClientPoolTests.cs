using System;
using System.Net;
using CapMonster.Api;

namespace CapMonster.Tests.Core
{
    public class HttpClientPoolTests
    {
        [Fact]
        public void Shares_one_client_per_proxy_setting_so_connections_are_reused()
        {
            Assert.Same(HttpClientPool.Get(WebProxySettings.System), HttpClientPool.Get(WebProxySettings.System));
            var proxy = new WebProxySettings(new Uri("http://proxy.example.test:3128"), new NetworkCredential("user", "one"));
            var sameProxy = new WebProxySettings(new Uri("http://proxy.example.test:3128"), new NetworkCredential("user", "one"));
            var otherPassword = new WebProxySettings(new Uri("http://proxy.example.test:3128"), new NetworkCredential("user", "two"));
            Assert.Same(HttpClientPool.Get(proxy), HttpClientPool.Get(sameProxy));
            Assert.NotSame(HttpClientPool.Get(proxy), HttpClientPool.Get(otherPassword));
            Assert.NotSame(HttpClientPool.Get(proxy), HttpClientPool.Get(WebProxySettings.System));
        }

        [Fact]
        public void Keeps_the_proxy_password_out_of_the_pool_key()
        {
            var proxy = new WebProxySettings(new Uri("http://proxy.example.test:3128"), new NetworkCredential("user", "s3cret-password"));
            Assert.DoesNotContain("s3cret-password", proxy.PoolKey, StringComparison.Ordinal);
        }

        [Fact]
        public void Names_the_module_and_its_version_in_the_user_agent()
        {
            string version = typeof(HttpClientPool).Assembly.GetName().Version!.ToString(3);
            Assert.Equal("CapMonster-PowerShell/" + version, HttpClientPool.UserAgent);
            Assert.Equal(HttpClientPool.UserAgent, HttpClientPool.Get(WebProxySettings.System).DefaultRequestHeaders.UserAgent.ToString());
        }

        [Fact]
        public void Leaves_timeouts_to_each_request()
        {
            Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, HttpClientPool.Get(WebProxySettings.System).Timeout);
        }
    }
}
