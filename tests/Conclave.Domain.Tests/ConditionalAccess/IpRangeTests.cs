using System.Net;
using Conclave.Contracts.Errors;
using Conclave.Domain.ConditionalAccess;

namespace Conclave.Domain.Tests.ConditionalAccess;

public sealed class IpRangeTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("192.168.1.0/24", "192.168.1.0/24")]
    [InlineData("203.0.113.7/32", "203.0.113.7/32")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8:0:0::/64", "2001:db8::/64")]
    [InlineData("::ffff:10.0.0.0/104", "::ffff:10.0.0.0/104")]
    public void TryParse_ValidRange_IsCanonical(string text, string canonical)
    {
        Assert.True(IpRange.TryParse(text, out var range, out var error), error);
        Assert.Equal(canonical, range!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/7")]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10/8")]
    [InlineData("10.1/16")]
    [InlineData("010.0.0.0/8")]
    [InlineData("0x0a.0.0.0/8")]
    [InlineData("10.0.0.0/08")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("256.0.0.0/8")]
    [InlineData("10.0.0.0.0/8")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData(" 10.0.0.0/8")]
    [InlineData("fe80::%1/64")]
    [InlineData("[2001:db8::]/32")]
    [InlineData("2001:db8::1/32")]
    [InlineData("2001:db8::/129")]
    [InlineData("2001:db8:::/32")]
    [InlineData("::/0")]
    [InlineData("a.b.c.d/8")]
    public void TryParse_InvalidRange_IsRefused(string text)
    {
        Assert.False(IpRange.TryParse(text, out var range, out var error));
        Assert.Null(range);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:11.1.2.3", false)]
    [InlineData("10.0.0.0/8", "2001:db8::1", false)]
    [InlineData("192.168.1.0/24", "192.168.1.255", true)]
    [InlineData("192.168.1.0/24", "192.168.2.0", false)]
    [InlineData("203.0.113.7/32", "203.0.113.7", true)]
    [InlineData("203.0.113.7/32", "203.0.113.8", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::/32", "10.1.2.3", false)]
    [InlineData("2001:db8::1/128", "2001:db8::1", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "::ffff:10.1.2.3", true)]
    [InlineData("::ffff:10.0.0.0/104", "11.1.2.3", false)]
    public void Contains_MatchesByPrefix(string range, string address, bool expected)
    {
        Assert.True(IpRange.TryParse(range, out var parsed, out _));
        Assert.Equal(expected, parsed!.Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")]
    [InlineData("2001:DB8::1", "2001:db8::1")]
    [InlineData("10.1.2", null)]
    [InlineData("10", null)]
    [InlineData("010.1.2.3", null)]
    [InlineData("fe80::1%1", null)]
    [InlineData("10.1.2.3/32", null)]
    [InlineData("", null)]
    public void TryParseAddress_IsStrict(string text, string? expected)
    {
        Assert.Equal(expected is not null, IpRange.TryParseAddress(text, out var address));
        Assert.Equal(expected, address?.ToString());
    }

    [Fact]
    public void NamedLocation_BadRange_IsRefusedWithItsCode()
    {
        var result = NamedLocation.Create("Office", ["10.0.0.0/8", "10.0.0.1/8"], true);
        Assert.Equal(ErrorCodes.Access.InvalidIpRange, result.Error!.Code);
        Assert.Contains("10.0.0.1/8", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedLocation_NoRangeOrTooMany_IsRefused()
    {
        Assert.Equal(ErrorCodes.Access.TooManyRanges, NamedLocation.Create("Office", [], true).Error!.Code);
        var many = Enumerable.Range(0, NamedLocation.MaxRanges + 1).Select(i => $"10.{i / 256 % 256}.{i % 256}.0/24").ToList();
        Assert.Equal(ErrorCodes.Access.TooManyRanges, NamedLocation.Create("Office", many, true).Error!.Code);
    }

    [Fact]
    public void NamedLocation_BadName_IsRefused() =>
        Assert.Equal(ErrorCodes.Access.InvalidName, NamedLocation.Create(" \n", ["10.0.0.0/8"], true).Error!.Code);
}
