using Conclave.Domain.Directory;

namespace Conclave.Domain.Tests.Directory;

public sealed class TenantAndKindTests
{
    [Fact]
    public void Create_DefaultDomain_GivesBootstrapAdmin() =>
        Assert.Equal("admin@conclave.local", Tenant.Create("Conclave.Local").Value.BootstrapAdmin.Value);

    [Theory]
    [InlineData("")]
    [InlineData("-bad.local")]
    [InlineData("a..b")]
    [InlineData("under_score.local")]
    public void Create_BadDomain_IsRefused(string domain) =>
        Assert.Equal("directory.invalid_domain", Tenant.Create(domain).Error!.Code);

    [Fact]
    public void ParseKind_Missing_IsMember() => Assert.Equal(UserKind.Member, UserKinds.Parse(null).Value);

    [Theory]
    [InlineData("pstn", UserKind.Pstn)]
    [InlineData("Guest", UserKind.Guest)]
    public void ParseKind_Known_IgnoresCase(string name, UserKind kind) => Assert.Equal(kind, UserKinds.Parse(name).Value);

    [Fact]
    public void ParseKind_Unknown_IsRefused() => Assert.False(UserKinds.Parse("Robot").IsSuccess);

    [Fact]
    public void HasAccount_AnonymousAndPstn_DoNot()
    {
        Assert.False(UserKinds.HasAccount(UserKind.Anonymous));
        Assert.False(UserKinds.HasAccount(UserKind.Pstn));
        Assert.True(UserKinds.HasAccount(UserKind.Guest));
    }

    [Theory]
    [InlineData(UserKind.Guest, false, null)]
    [InlineData(UserKind.Federated, false, null)]
    [InlineData(UserKind.Member, true, null)]
    [InlineData(UserKind.Anonymous, false, "directory.kind_without_account")]
    [InlineData(UserKind.Pstn, true, "directory.kind_without_account")]
    [InlineData(UserKind.Guest, true, "directory.role_requires_member")]
    [InlineData(UserKind.Federated, true, "directory.role_requires_member")]
    public void CheckChange_AccountsOnly_AndAdministratorsStayMembers(UserKind kind, bool holdsAdminRole, string? code) =>
        Assert.Equal(code, UserKinds.CheckChange("pat@conclave.local", kind, holdsAdminRole)?.Code);

    [Theory]
    [InlineData(UserKind.Member, null)]
    [InlineData(UserKind.Guest, "directory.role_requires_member")]
    [InlineData(UserKind.Federated, "directory.role_requires_member")]
    public void CheckRoleGrant_MembersOnly(UserKind kind, string? code) =>
        Assert.Equal(code, UserKinds.CheckRoleGrant("pat@conclave.local", kind)?.Code);

    [Fact]
    public void GroupNickname_DerivedFromName_KeepsLettersAndDigits() =>
        Assert.Equal("salesteam2", GroupName.ValidateNickname(null, "Sales Team 2!").Value);
}
