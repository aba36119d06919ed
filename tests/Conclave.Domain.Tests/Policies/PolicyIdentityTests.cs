using Conclave.Contracts.Errors;
using Conclave.Domain.Policies;

namespace Conclave.Domain.Tests.Policies;

public class PolicyIdentityTests
{
    [Theory]
    [InlineData("Global", "Global")]
    [InlineData("global", "Global")]
    [InlineData("Tag:Global", "Global")]
    [InlineData("Tag:ContosoE2EEUserPolicy", "Tag:ContosoE2EEUserPolicy")]
    [InlineData("ContosoE2EEUserPolicy", "Tag:ContosoE2EEUserPolicy")]
    [InlineData("tag:Finance-Policy_2", "Tag:Finance-Policy_2")]
    [InlineData("  Tag:Trim  ", "Tag:Trim")]
    public void Parse_AcceptsTeamsForms(string text, string shown) => Assert.Equal(shown, PolicyIdentity.Parse(text).Value.ToString());

    [Theory]
    [InlineData("Tag:Contoso E2EE")]
    [InlineData("Contoso\tE2EE")]
    [InlineData("Tag:a/b")]
    [InlineData("Tag:x:y")]
    [InlineData("   ")]
    public void Parse_RefusesNamesWithSpacesOrSeparators(string text) =>
        Assert.Equal(ErrorCodes.Policy.InvalidIdentity, PolicyIdentity.Parse(text).Error?.Code);

    [Fact]
    public void Parse_RefusesOverlongNames()
    {
        Assert.True(PolicyIdentity.Parse(new string('n', PolicyIdentity.MaxNameLength)).IsSuccess);
        Assert.False(PolicyIdentity.Parse(new string('n', PolicyIdentity.MaxNameLength + 1)).IsSuccess);
    }

    [Fact]
    public void Equality_IgnoresCase()
    {
        Assert.Equal(PolicyIdentity.Tag("Finance"), PolicyIdentity.Tag("FINANCE"));
        Assert.Equal(PolicyIdentity.Tag("Finance").GetHashCode(), PolicyIdentity.Tag("finance").GetHashCode());
        Assert.NotEqual(PolicyIdentity.Global, PolicyIdentity.Tag("Finance"));
    }
}
