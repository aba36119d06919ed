using System.Text.Json;
using Conclave.Cli.Cmdlets;
using Conclave.Cli.Cmdlets.Policies;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Cli.Tests.Policies;

public sealed class PolicyCmdletCatalogTests
{
    public static TheoryData<string> PolicyCmdletNames()
    {
        var names = new TheoryData<string>();
        foreach (var noun in PolicyNoun.All)
        {
            foreach (var verb in noun.Grantable ? new[] { "New", "Set", "Get", "Remove", "Grant" } : ["Get", "Set"])
                names.Add($"{verb}-{noun.Noun}");
        }
        foreach (var name in new[] { "Get-CsGroupPolicyAssignment", "New-CsGroupPolicyAssignment", "Remove-CsGroupPolicyAssignment", "Get-CsEffectivePolicy" })
            names.Add(name);
        return names;
    }

    [Fact]
    public void CliNouns_MatchTheServersPolicyTypes()
    {
        var server = PolicyTypes.All.Select(t => (t.CmdletNoun, t.Name, t.IsGrantable));

        Assert.Equal(server, PolicyNoun.All.Select(n => (n.Noun, n.PolicyType, n.Grantable)));
    }

    [Theory]
    [MemberData(nameof(PolicyCmdletNames))]
    public async Task EveryPolicyCmdlet_Resolves_AndHasHelp_EvenWhenNotSignedIn(string name)
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("admin", name.ToLowerInvariant(), "--help");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("NAME" + Environment.NewLine + "    " + name, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("SYNTAX", run.Stdout, StringComparison.Ordinal);
        var cmdlet = CmdletCatalog.Find(name)!;
        Assert.Equal(cmdlet.ParametersFromServer, run.Stdout.Contains("sign in as an administrator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SettingsCmdlet_NotSignedIn_ExitsTwo()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("admin", "Set-CsTeamsEnhancedEncryptionPolicy", "-Identity", "Global", "-CallingEndtoEndEncryptionEnabledType", "DisabledUserOverride");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void SchemaEntries_BecomeTypedParameters_WithTheServersValidValues()
    {
        var schema = JsonDocument.Parse("""
            [
              { "name": "Mode", "kind": "Enum", "allowedValues": ["Off", "On"], "conclaveExtensions": ["On"], "default": "Off", "maxItems": 0, "summary": "A mode." },
              { "name": "Flag", "kind": "Boolean", "allowedValues": ["True", "False"], "conclaveExtensions": [], "default": "True", "maxItems": 0, "summary": "A flag." },
              { "name": "Domains", "kind": "DomainList", "allowedValues": [], "conclaveExtensions": [], "default": "", "maxItems": 4000, "summary": "Domains." },
              { "name": "Description", "kind": "Text", "allowedValues": [], "conclaveExtensions": [], "default": "", "maxItems": 0, "summary": "Free text." }
            ]
            """).RootElement;

        var parameters = schema.EnumerateArray().Select(PolicySchema.ToParameter).ToList();

        Assert.Equal(
            [CmdletParameterType.Enum, CmdletParameterType.Boolean, CmdletParameterType.StringArray, CmdletParameterType.String],
            parameters.Select(p => p.Type));
        Assert.Equal(["Off", "On"], parameters[0].ValidValues);
        Assert.Contains("Default: Off. Conclave extensions: On.", parameters[0].Description, StringComparison.Ordinal);
        Assert.Contains("at most 4000 items", parameters[2].Description, StringComparison.Ordinal);
        var bound = CmdletParameterBinder.Bind(parameters, ["-mode", "on", "-Domains", "a.example,", "b.example", "-Flag:$false"]);
        Assert.Equal("On", bound.GetString("Mode"));
        Assert.Equal(["a.example", "b.example"], bound.GetStrings("Domains"));
        Assert.False(bound.GetBoolean("Flag"));
    }
}
