using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Tests.Stun;

/// <summary>SASLprep (RFC 4013) as STUN credentials use it.</summary>
public class SaslPrepTests
{
    [Theory]
    [InlineData("I\u00ADX", "IX")] // RFC 4013 §3 example: soft hyphen mapped to nothing
    [InlineData("user", "user")]
    [InlineData("\u00AA", "a")] // RFC 4013 §3 example: NFKC
    [InlineData("\u2168", "IX")] // RFC 4013 §3 example: NFKC
    [InlineData("a\u00A0b", "a b")] // non-ASCII space to space
    [InlineData("a\u200Bb\uFEFF", "ab")] // zero-width space and BOM mapped to nothing
    [InlineData("\uFF21\uFF42\uFF43", "Abc")] // full-width forms
    public void Prepare_MapsAndNormalises(string input, string expected)
    {
        Assert.True(SaslPrep.TryPrepare(input, out var output));
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("\u0007")] // RFC 4013 §3 example: prohibited control character
    [InlineData("a\u0000b")]
    [InlineData("\uE000")] // private use
    public void Prepare_RejectsProhibitedOutput(string input) => Assert.False(SaslPrep.TryPrepare(input, out _));
}
