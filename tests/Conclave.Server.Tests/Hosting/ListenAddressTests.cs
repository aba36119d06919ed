using System.Net;
using Conclave.Server.Hosting;
using Conclave.Server.Throttling;
using CsCheck;

namespace Conclave.Server.Tests.Hosting;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("https://127.0.0.1:8443", "127.0.0.1", 8443)]
    [InlineData("https://[::1]:0", "::1", 0)]
    [InlineData("https://localhost:9000/", "127.0.0.1", 9000)]
    [InlineData("https://*:443", "0.0.0.0", 443)]
    public void Parse_HttpsUrl_GivesAddressAndPort(string url, string address, int port)
    {
        var parsed = ListenAddress.Parse(url);
        Assert.Equal(IPAddress.Parse(address), parsed.Address);
        Assert.Equal(port, parsed.Port);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "HTTPS only")]
    [InlineData("ftp://127.0.0.1:21", "not an https://")]
    [InlineData("https://127.0.0.1", "no valid port")]
    [InlineData("https://127.0.0.1:70000", "no valid port")]
    [InlineData("https://example.com:443", "IP address")]
    public void Parse_BadUrl_IsAStartupError(string url, string message) =>
        Assert.Contains(message, Assert.Throws<StartupException>(() => ListenAddress.Parse(url)).Message, StringComparison.Ordinal);

    [Fact]
    public void ParseList_SeveralUrls_AreAllKept() =>
        Assert.Equal(2, ListenAddress.ParseList("https://127.0.0.1:1; https://[::1]:2").Count);
}

public sealed class ThrottleKeyTests
{
    [Theory]
    [InlineData("192.0.2.17", "192.0.2.0/24")]
    [InlineData("::ffff:192.0.2.200", "192.0.2.0/24")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    public void Subnet_IsSlash24ForIpv4AndSlash64ForIpv6(string address, string subnet) =>
        Assert.Equal(subnet, ThrottleKeys.Subnet(IPAddress.Parse(address)));

    [Fact]
    public void Subnet_AddressesInTheSameSlash24_ShareAPartition()
    {
        Gen.Byte.Sample(b =>
            Assert.Equal(ThrottleKeys.Subnet(IPAddress.Parse("198.51.100.1")), ThrottleKeys.Subnet(new IPAddress([198, 51, 100, b]))));
    }
}
