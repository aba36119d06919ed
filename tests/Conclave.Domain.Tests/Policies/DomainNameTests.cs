using Conclave.Domain.Policies.Schema;
using CsCheck;

namespace Conclave.Domain.Tests.Policies;

public class DomainNameTests
{
    [Theory]
    [InlineData("contoso.com")]
    [InlineData("a.b")]
    [InlineData("3com.com")]
    [InlineData("sub-domain.example.co.uk")]
    [InlineData("xn--bcher-kva.example")]
    public void IsValid_HostNames(string name) => Assert.True(DomainName.IsValid(name));

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("contoso..com")]
    [InlineData(".contoso.com")]
    [InlineData("contoso.com.")]
    [InlineData("-contoso.com")]
    [InlineData("contoso-.com")]
    [InlineData("cont oso.com")]
    [InlineData("contoso_.com")]
    [InlineData("192.168.1.1")]
    [InlineData("*.contoso.com")]
    [InlineData("bücher.example")]
    public void IsValid_RefusesNonHostNames(string name) => Assert.False(DomainName.IsValid(name));

    [Fact]
    public void IsValid_LabelLimitIs63()
    {
        Assert.True(DomainName.IsValid(new string('a', 63) + ".com"));
        Assert.False(DomainName.IsValid(new string('a', 64) + ".com"));
    }

    [Fact]
    public void IsValid_TotalLimitIs253()
    {
        var name = string.Concat(Enumerable.Repeat("a.", 125)) + "com";
        Assert.Equal(253, name.Length);
        Assert.True(DomainName.IsValid(name));
        Assert.False(DomainName.IsValid("b" + name));
    }

    [Fact]
    public void IsValid_NeverThrows_OnAnyString() =>
        Gen.String.Sample(s => { _ = DomainName.IsValid(s); });

    [Fact]
    public void IsValid_AcceptsGeneratedLdhNames() =>
        Gen.Select(
                Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 20],
                Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[2, 10])
            .Sample((label, tld) => DomainName.IsValid(new string(label) + "." + new string(tld)));
}
