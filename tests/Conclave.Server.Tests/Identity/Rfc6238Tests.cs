using System.Text;
using Conclave.Server.Identity;

namespace Conclave.Server.Tests.Identity;

/// <summary>RFC 6238 Appendix B test vectors (HMAC-SHA-1, 8 digits, X = 30, T0 = 0).</summary>
public sealed class Rfc6238Tests
{
    // RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
    private static readonly byte[] Seed = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, 94287082)]
    [InlineData(1111111109L, 07081804)]
    [InlineData(1111111111L, 14050471)]
    [InlineData(1234567890L, 89005924)]
    [InlineData(2000000000L, 69279037)]
    [InlineData(20000000000L, 65353130)]
    public void Code_MatchesAppendixB(long unixSeconds, int expected)
    {
        var step = Totp.TimeStepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, Totp.Code(Seed, step, digits: 8));
    }

    [Fact]
    public void Base32_DecodesRfc4648Vector()
    {
        // RFC 4648 §10: BASE32("foobar") = "MZXW6YTBOI======".
        Assert.True(Base32.TryDecode("MZXW6YTBOI======", out var bytes));
        Assert.Equal("foobar", Encoding.ASCII.GetString(bytes));
        Assert.False(Base32.TryDecode("MZXW6YTB0I", out _));
    }

    [Theory]
    [InlineData("123456", true)]
    [InlineData("123 456", true)]
    [InlineData("12345", false)]
    [InlineData("12345a", false)]
    [InlineData("", false)]
    public void TryParseCode_AcceptsOnlySixDigits(string text, bool valid) =>
        Assert.Equal(valid, Totp.TryParseCode(text, out _));
}
