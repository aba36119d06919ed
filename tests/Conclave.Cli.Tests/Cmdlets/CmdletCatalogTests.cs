using Conclave.Cli.Cmdlets;

namespace Conclave.Cli.Tests.Cmdlets;

public sealed class CmdletCatalogTests
{
    private static readonly string[] ApprovedVerbs = ["New", "Get", "Set", "Remove", "Grant", "Revoke", "Reset", "Add", "Search", "Test"];

    [Theory]
    [InlineData("New-CsUser")]
    [InlineData("Get-CsUser")]
    [InlineData("Set-CsUser")]
    [InlineData("New-CsGroup")]
    [InlineData("Add-CsGroupMember")]
    [InlineData("Grant-CsAdminRole")]
    [InlineData("New-CsAppRegistration")]
    [InlineData("Get-CsAppRegistration")]
    [InlineData("Set-CsAppRegistration")]
    [InlineData("Remove-CsAppRegistration")]
    [InlineData("New-CsAppRegistrationSecret")]
    [InlineData("Search-AuditLog")]
    [InlineData("Remove-CsUser")]
    [InlineData("Set-CsUserPassword")]
    [InlineData("Reset-CsUserAuthenticator")]
    [InlineData("Revoke-CsAdminRole")]
    [InlineData("Get-CsOnlineUser")]
    [InlineData("New-DlpCompliancePolicy")]
    [InlineData("Set-DlpComplianceRule")]
    [InlineData("New-DlpSensitiveInformationType")]
    [InlineData("Test-DataClassification")]
    [InlineData("New-CsNamedLocation")]
    [InlineData("Set-CsConditionalAccessPolicy")]
    [InlineData("Test-CsConditionalAccess")]
    [InlineData("Get-CsDevice")]
    [InlineData("Set-CsDeviceCompliance")]
    public void Catalog_HasTheCmdlet_FoundInAnyCase(string name)
    {
        Assert.Equal(name, CmdletCatalog.Find(name)?.Name);
        Assert.Equal(name, CmdletCatalog.Find(name.ToUpperInvariant())?.Name);
    }

    [Fact]
    public void EveryCmdlet_IsVerbNoun_WithUniqueParameters_AndHelpForEach()
    {
        Assert.NotEmpty(CmdletCatalog.All);
        foreach (var cmdlet in CmdletCatalog.All)
        {
            var verb = cmdlet.Name.Split('-')[0];
            Assert.Contains(verb, ApprovedVerbs);
            Assert.Equal(cmdlet.Parameters.Count, cmdlet.Parameters.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            var help = CmdletHelp.Render(cmdlet);
            Assert.All(cmdlet.Parameters, p => Assert.Contains("-" + p.Name, help, StringComparison.Ordinal));
            Assert.All(cmdlet.Parameters.Where(p => p.Type == CmdletParameterType.Enum), p => Assert.NotEmpty(p.ValidValues));
        }
    }

    [Theory]
    [InlineData("Get-CsUzer", "Get-CsUser", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "SAME", 4)]
    public void Distance_CountsSingleCharacterEdits(string a, string b, int expected) =>
        Assert.Equal(expected, CmdletSuggestion.Distance(a, b));

    [Fact]
    public void Closest_IsCaseInsensitive_AndNoneWhenNothingIsNear()
    {
        var names = CmdletCatalog.All.Select(c => c.Name).ToList();

        Assert.Equal("Get-CsUser", CmdletSuggestion.Closest("get-csuzer", names));
        Assert.Null(CmdletSuggestion.Closest("frobnicate", names));
    }
}
