using Conclave.Domain.Directory;

namespace Conclave.Domain.Tests.Directory;

public sealed class AdminRolesTests
{
    [Theory]
    [InlineData("GlobalAdministrator", AdminRole.GlobalAdministrator)]
    [InlineData("teamsadministrator", AdminRole.TeamsAdministrator)]
    [InlineData("ComplianceAdministrator", AdminRole.ComplianceAdministrator)]
    public void Parse_KnownRole_IgnoresCase(string name, AdminRole expected) =>
        Assert.Equal(expected, AdminRoles.Parse(name).Value);

    [Fact]
    public void Parse_UnknownRole_IsRefused() =>
        Assert.Equal("directory.invalid_role", AdminRoles.Parse("Owner").Error!.Code);

    [Fact]
    public void CanGrantRoles_OnlyGlobalAdministrator()
    {
        Assert.True(AdminRoles.CanGrantRoles([AdminRole.GlobalAdministrator]));
        Assert.False(AdminRoles.CanGrantRoles([AdminRole.TeamsAdministrator, AdminRole.ComplianceAdministrator]));
        Assert.False(AdminRoles.CanGrantRoles([]));
    }

    [Fact]
    public void CanReadAudit_GlobalOrCompliance_NotTeams()
    {
        Assert.True(AdminRoles.CanReadAudit([AdminRole.ComplianceAdministrator]));
        Assert.True(AdminRoles.CanReadAudit([AdminRole.GlobalAdministrator]));
        Assert.False(AdminRoles.CanReadAudit([AdminRole.TeamsAdministrator]));
    }

    [Fact]
    public void CanManageDirectory_GlobalOrTeams_NotCompliance()
    {
        Assert.True(AdminRoles.CanManageDirectory([AdminRole.TeamsAdministrator]));
        Assert.False(AdminRoles.CanManageDirectory([AdminRole.ComplianceAdministrator]));
    }

    [Fact]
    public void CanChange_OnlyAccountsWhoseEveryRoleTheActorHolds_GlobalExcepted()
    {
        Assert.True(AdminRoles.CanChange([AdminRole.TeamsAdministrator], []));
        Assert.True(AdminRoles.CanChange([AdminRole.TeamsAdministrator], [AdminRole.TeamsAdministrator]));
        Assert.False(AdminRoles.CanChange([AdminRole.TeamsAdministrator], [AdminRole.GlobalAdministrator]));
        Assert.False(AdminRoles.CanChange([AdminRole.TeamsAdministrator], [AdminRole.TeamsAdministrator, AdminRole.ComplianceAdministrator]));
        Assert.False(AdminRoles.CanChange([AdminRole.ComplianceAdministrator], [AdminRole.TeamsAdministrator]));
        Assert.True(AdminRoles.CanChange([AdminRole.TeamsAdministrator, AdminRole.ComplianceAdministrator], [AdminRole.ComplianceAdministrator]));
        Assert.True(AdminRoles.CanChange([AdminRole.GlobalAdministrator], [AdminRole.GlobalAdministrator, AdminRole.ComplianceAdministrator]));
    }

    [Fact]
    public void CanGrant_OnlyRolesTheActorHolds_GlobalGrantsAny()
    {
        Assert.True(AdminRoles.CanGrant([AdminRole.TeamsAdministrator], AdminRole.TeamsAdministrator));
        Assert.False(AdminRoles.CanGrant([AdminRole.TeamsAdministrator], AdminRole.ComplianceAdministrator));
        Assert.False(AdminRoles.CanGrant([AdminRole.TeamsAdministrator], AdminRole.GlobalAdministrator));
        Assert.True(AdminRoles.CanGrant([AdminRole.GlobalAdministrator], AdminRole.ComplianceAdministrator));
    }
}
