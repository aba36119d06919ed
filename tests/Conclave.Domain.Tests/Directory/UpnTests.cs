using Conclave.Domain.Directory;
using CsCheck;

namespace Conclave.Domain.Tests.Directory;

public sealed class UpnTests
{
    [Theory]
    [InlineData("Alice@Contoso.Local", "alice@contoso.local")]
    [InlineData(" bob.smith+x@a-b.example ", "bob.smith+x@a-b.example")]
    public void Parse_ValidUpn_IsNormalisedToLowerCase(string text, string expected)
    {
        var result = Upn.Parse(text);
        Assert.True(result.IsSuccess);
        Assert.Equal(expected, result.Value.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("@contoso.local")]
    [InlineData("alice@")]
    [InlineData("a@b@c")]
    [InlineData("alice@.local")]
    [InlineData("al ice@contoso.local")]
    [InlineData("alice@contoso..local")]
    public void Parse_Malformed_IsRefusedWithCode(string text)
    {
        var result = Upn.Parse(text);
        Assert.False(result.IsSuccess);
        Assert.Equal("directory.invalid_upn", result.Error.Code);
    }

    [Fact]
    public void Parse_AnyWellFormedUpn_SplitsIntoLocalAndDomain()
    {
        var part = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 20].Select(a => new string(a));
        Gen.Select(part, part, part).Sample((local, d1, d2) =>
        {
            var upn = Upn.Parse($"{local}@{d1}.{d2}").Value;
            Assert.Equal(local, upn.Local);
            Assert.Equal($"{d1}.{d2}", upn.Domain);
        });
    }
}
