using System.Text.Json;
using Conclave.Cli.Tests.EndToEnd;

namespace Conclave.Cli.Tests.Policies;

/// <summary>The policy cmdlets against the running server, as an administrator types them.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PolicyCmdletEndToEndTests : IDisposable
{
    private const string Meeting = "TeamsMeetingPolicy";

    private readonly ConclaveServerFixture _server;
    private readonly CliHarness _cli = new();
    private readonly PolicyCli _admin;

    public PolicyCmdletEndToEndTests(ConclaveServerFixture server)
    {
        _server = server;
        _admin = new PolicyCli(server, _cli);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task IssueExample_SetGlobalEncryptionPolicy_WorksAsWritten_AndRemoveResetsGlobal()
    {
        await _admin.SignInAsync();

        var run = await _cli.RunAsync("admin", "Set-CsTeamsEnhancedEncryptionPolicy", "-Identity", "Global", "-CallingEndtoEndEncryptionEnabledType", "DisabledUserOverride", "--profile", "admin");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("CallingEndtoEndEncryptionEnabledType", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("DisabledUserOverride", run.Stdout, StringComparison.Ordinal);
        var global = await _admin.JsonAsync("Get-CsTeamsEnhancedEncryptionPolicy", "-Identity", "Global");
        Assert.Equal("DisabledUserOverride", global.GetProperty("CallingEndtoEndEncryptionEnabledType").GetString());
        Assert.Equal("Disabled", global.GetProperty("MeetingEndToEndEncryption").GetString());

        var reset = await _admin.RunAsync("Remove-CsTeamsEnhancedEncryptionPolicy", "-Identity", "Global", "-o", "json");

        Assert.True(reset.ExitCode == ExitCodes.Ok, reset.ToString());
        Assert.Contains("reset to its defaults", reset.Stderr, StringComparison.Ordinal);
        Assert.Equal("Disabled", JsonDocument.Parse(reset.Stdout).RootElement.GetProperty("CallingEndtoEndEncryptionEnabledType").GetString());
        var after = await _admin.JsonAsync("Get-CsTeamsEnhancedEncryptionPolicy", "Global");
        Assert.Equal("Disabled", after.GetProperty("CallingEndtoEndEncryptionEnabledType").GetString());
        var audit = await _admin.AuditAsync("admin.policy.reset");
        var record = audit.First(r => r.Target.StartsWith("TeamsEnhancedEncryptionPolicy", StringComparison.Ordinal));
        Assert.Equal("DisabledUserOverride", record.Details.GetProperty("before").GetProperty("CallingEndtoEndEncryptionEnabledType").GetString());
        Assert.Equal("Disabled", record.Details.GetProperty("after").GetProperty("CallingEndtoEndEncryptionEnabledType").GetString());
    }

    [Fact]
    public async Task BadValue_ExitsTwo_NamingTheParameterAndValidValues_AndChangesNothing()
    {
        await _admin.SignInAsync();
        var before = await _admin.JsonAsync("Get-CsTeamsEnhancedEncryptionPolicy", "-Identity", "Global");

        var run = await _admin.RunAsync("Set-CsTeamsEnhancedEncryptionPolicy", "-Identity", "Global", "-CallingEndtoEndEncryptionEnabledType", "Sometimes");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("parameter 'CallingEndtoEndEncryptionEnabledType'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"Disabled,DisabledUserOverride,EnabledUserOverride,Required\"", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.Equal(before.GetRawText(), (await _admin.JsonAsync("Get-CsTeamsEnhancedEncryptionPolicy", "-Identity", "Global")).GetRawText());

        var notBoolean = await _admin.RunAsync("Set-CsTeamsMeetingPolicy", "-AllowMeetNow", "maybe");
        Assert.Equal(ExitCodes.Usage, notBoolean.ExitCode);
        Assert.Contains("parameter 'AllowMeetNow'", notBoolean.Stderr, StringComparison.Ordinal);

        var unknown = await _admin.RunAsync("Set-CsTeamsMeetingPolicy", "-AllowTeleportation", "$true");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("'AllowTeleportation'", unknown.Stderr, StringComparison.Ordinal);

        // A domain list is checked by the server: exit 1 with its code, and nothing changes there either.
        var federation = await _admin.JsonAsync("Get-CsTenantFederationConfiguration");
        var serverRefused = await _admin.RunAsync("Set-CsTenantFederationConfiguration", "-AllowedDomains", "good.example,not a domain!");
        Assert.Equal(ExitCodes.Refused, serverRefused.ExitCode);
        Assert.StartsWith("policy.invalid_value: ", serverRefused.Stderr, StringComparison.Ordinal);
        Assert.Contains("AllowedDomains", serverRefused.Stderr, StringComparison.Ordinal);
        Assert.Equal(federation.GetRawText(), (await _admin.JsonAsync("Get-CsTenantFederationConfiguration")).GetRawText());
    }

    [Fact]
    public async Task CreateSetGrantUnassignRemove_EffectivePolicyShowsEachSource()
    {
        await _admin.SignInAsync();
        var user = await _admin.NewUserAsync(PolicyCli.Unique("pat"));
        var group = await _admin.NewGroupAsync(PolicyCli.Unique("Finance"), user);
        var direct = PolicyCli.Unique("NoRecording");
        var byGroup = PolicyCli.Unique("GroupMeetings");
        var tenant = PolicyCli.Unique("TenantMeetings");

        var created = await _admin.JsonAsync("New-CsTeamsMeetingPolicy", "-Identity", "Tag:" + direct, "-AllowCloudRecording", "$false", "-Description", "No recording");
        Assert.Equal("Tag:" + direct, created.GetProperty("Identity").GetString());
        Assert.False(created.GetProperty("AllowCloudRecording").GetBoolean());
        Assert.True(created.GetProperty("AllowMeetNow").GetBoolean());
        var set = await _admin.JsonAsync("Set-CsTeamsMeetingPolicy", "-Identity", direct, "-AutoAdmittedUsers", "organizeronly");
        Assert.Equal("OrganizerOnly", set.GetProperty("AutoAdmittedUsers").GetString());
        Assert.False(set.GetProperty("AllowCloudRecording").GetBoolean());
        await _admin.JsonAsync("New-CsTeamsMeetingPolicy", byGroup, "-AllowMeetNow:$false");
        await _admin.JsonAsync("New-CsTeamsMeetingPolicy", tenant, "-AllowTranscription", "$true");
        var listed = await _admin.JsonAsync("Get-CsTeamsMeetingPolicy");
        Assert.Equal("Global", listed[0].GetProperty("Identity").GetString());
        Assert.Contains("Tag:" + byGroup, listed.EnumerateArray().Select(p => p.GetProperty("Identity").GetString()));

        try
        {
            Assert.Equal("Global", await _admin.SourceAsync(user, Meeting));

            var grantTenant = await _admin.JsonAsync("Grant-CsTeamsMeetingPolicy", "-Global", "-PolicyName", tenant);
            Assert.Equal("Tag:" + tenant, grantTenant.GetProperty("after").EnumerateObject().Single().Value.GetString());
            Assert.Equal($"TenantDefault: Tag:{tenant}", await _admin.SourceAsync(user, Meeting));

            await _admin.JsonAsync("Grant-CsTeamsMeetingPolicy", "-Group", group, "-PolicyName", byGroup, "-Rank", "1");
            var viaGroup = await _admin.EffectiveAsync(user, Meeting);
            Assert.Equal(("False", $"Group: {group} (rank 1): Tag:{byGroup}"), viaGroup["AllowMeetNow"]);

            await _admin.JsonAsync("Grant-CsTeamsMeetingPolicy", "-Identity", user, "-PolicyName", direct);
            var viaDirect = await _admin.EffectiveAsync(user, Meeting);
            Assert.Equal(("False", $"Direct: Tag:{direct}"), viaDirect["AllowCloudRecording"]);
            Assert.Equal(("OrganizerOnly", $"Direct: Tag:{direct}"), viaDirect["AutoAdmittedUsers"]);

            var table = await _admin.RunAsync("Get-CsEffectivePolicy", user);
            Assert.True(table.ExitCode == ExitCodes.Ok, table.ToString());
            Assert.Contains($"Direct: Tag:{direct}", table.Stdout, StringComparison.Ordinal);
            Assert.Contains("TeamsEnhancedEncryptionPolicy", table.Stdout, StringComparison.Ordinal);

            await _admin.JsonAsync("Grant-CsTeamsMeetingPolicy", "-Identity", user, "-PolicyName", "$null");
            Assert.Equal($"Group: {group} (rank 1): Tag:{byGroup}", await _admin.SourceAsync(user, Meeting));

            var inUse = await _admin.RunAsync("Remove-CsTeamsMeetingPolicy", "-Identity", byGroup);
            Assert.Equal(ExitCodes.Refused, inUse.ExitCode);
            Assert.StartsWith("policy.in_use: ", inUse.Stderr, StringComparison.Ordinal);

            var removeAssignment = await _admin.RunAsync("Remove-CsGroupPolicyAssignment", "-GroupId", group, "-PolicyType", Meeting);
            Assert.True(removeAssignment.ExitCode == ExitCodes.Ok, removeAssignment.ToString());
            Assert.Equal($"TenantDefault: Tag:{tenant}", await _admin.SourceAsync(user, Meeting));

            await _admin.JsonAsync("Grant-CsTeamsMeetingPolicy", "-Global", "-PolicyName", "$null");
            Assert.Equal("Global", await _admin.SourceAsync(user, Meeting));

            var removed = await _admin.RunAsync("Remove-CsTeamsMeetingPolicy", "-Identity", byGroup);
            Assert.True(removed.ExitCode == ExitCodes.Ok, removed.ToString());
            var gone = await _admin.RunAsync("Get-CsTeamsMeetingPolicy", "-Identity", byGroup);
            Assert.Equal(ExitCodes.Refused, gone.ExitCode);
            Assert.StartsWith("policy.not_found: ", gone.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await _admin.RunAsync("Grant-CsTeamsMeetingPolicy", "-Global", "-PolicyName", "$null");
        }

        // Every change left a record saying who did what, before and after.
        var grants = await _admin.AuditAsync("admin.policy.grant");
        var userGrant = grants.First(g => g.Target == $"{Meeting} user:{user}" && g.Details.GetProperty("after").ToString().Contains(direct, StringComparison.Ordinal));
        Assert.Equal(ConclaveServerFixture.AdminUpn, userGrant.Actor);
        Assert.Equal("Success", userGrant.Outcome);
        var unassign = grants.First(g => g.Target == $"{Meeting} user:{user}" && g.Details.GetProperty("before").ToString().Contains(direct, StringComparison.Ordinal));
        Assert.DoesNotContain(direct, unassign.Details.GetProperty("after").ToString(), StringComparison.Ordinal);
        var news = await _admin.AuditAsync("admin.policy.new");
        Assert.Contains(news, n => n.Target.Contains(direct, StringComparison.Ordinal) && n.Details.GetProperty("after").GetProperty("AllowCloudRecording").GetString() == "False");
        var sets = await _admin.AuditAsync("admin.policy.set");
        var setRecord = sets.First(s => s.Target.Contains(direct, StringComparison.Ordinal));
        Assert.Equal("EveryoneInCompany", setRecord.Details.GetProperty("before").GetProperty("AutoAdmittedUsers").GetString());
        Assert.Equal("OrganizerOnly", setRecord.Details.GetProperty("after").GetProperty("AutoAdmittedUsers").GetString());
        Assert.Contains(await _admin.AuditAsync("admin.policy.group_assignment.remove"), r => r.Target.Contains(group, StringComparison.Ordinal));
        Assert.Contains(await _admin.AuditAsync("admin.policy.remove"), r => r.Target.Contains(byGroup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupAssignments_RenumberOnInsertAndRemoval()
    {
        await _admin.SignInAsync();
        var policy = PolicyCli.Unique("External");
        await _admin.JsonAsync("New-CsExternalAccessPolicy", policy, "-EnableFederationAccess", "$false");
        var a = await _admin.NewGroupAsync(PolicyCli.Unique("GroupA"));
        var b = await _admin.NewGroupAsync(PolicyCli.Unique("GroupB"));
        var c = await _admin.NewGroupAsync(PolicyCli.Unique("GroupC"));
        string[] ours = [a, b, c];

        await _admin.JsonAsync("Grant-CsExternalAccessPolicy", "-Group", a, "-PolicyName", policy, "-Rank", "1");
        await _admin.JsonAsync("Grant-CsExternalAccessPolicy", "-Group", b, "-PolicyName", policy);
        await _admin.JsonAsync("New-CsGroupPolicyAssignment", "-GroupId", c, "-PolicyType", "ExternalAccessPolicy", "-PolicyName", policy, "-Rank", "1");

        async Task<List<(string Group, int Rank)>> RanksAsync()
        {
            var rows = await _admin.JsonAsync("Get-CsGroupPolicyAssignment", "-PolicyType", "ExternalAccessPolicy");
            return [.. rows.EnumerateArray()
                .Where(r => ours.Contains(r.GetProperty("groupName").GetString()))
                .Select(r => (r.GetProperty("groupName").GetString()!, r.GetProperty("rank").GetInt32()))];
        }

        Assert.Equal([(c, 1), (a, 2), (b, 3)], await RanksAsync());
        var one = await _admin.JsonAsync("Get-CsGroupPolicyAssignment", "-GroupId", a);
        Assert.Equal(("ExternalAccessPolicy", "Tag:" + policy), (one.EnumerateArray().Single().GetProperty("policyType").GetString(), one[0].GetProperty("policyName").GetString()));

        var removed = await _admin.RunAsync("Remove-CsGroupPolicyAssignment", a, "-PolicyType", "ExternalAccessPolicy");
        Assert.True(removed.ExitCode == ExitCodes.Ok, removed.ToString());
        Assert.Equal([(c, 1), (b, 2)], await RanksAsync());

        var missing = await _admin.RunAsync("Remove-CsGroupPolicyAssignment", a, "-PolicyType", "ExternalAccessPolicy");
        Assert.Equal(ExitCodes.Refused, missing.ExitCode);
        foreach (var g in new[] { b, c })
            await _admin.RunAsync("Remove-CsGroupPolicyAssignment", g, "-PolicyType", "ExternalAccessPolicy");
    }

    [Fact]
    public async Task TenantFederationConfiguration_SetAndGet_ListsAndAllKnownDomains()
    {
        await _admin.SignInAsync();

        try
        {
            var set = await _admin.JsonAsync("Set-CsTenantFederationConfiguration", "-AllowedDomains", "Partner.Example,", "other.example", "-AllowFederatedUsers", "$true");
            Assert.Equal(["partner.example", "other.example"], set.GetProperty("AllowedDomains").EnumerateArray().Select(d => d.GetString()));
            var got = await _admin.JsonAsync("Get-CsTenantFederationConfiguration");
            Assert.Equal("Global", got.GetProperty("Identity").GetString());
            Assert.Equal(2, got.GetProperty("AllowedDomains").GetArrayLength());
        }
        finally
        {
            var reset = await _admin.JsonAsync("Set-CsTenantFederationConfiguration", "-AllowedDomains", "AllowAllKnownDomains");
            Assert.Equal("AllowAllKnownDomains", reset.GetProperty("AllowedDomains").GetString());
        }
    }

    [Fact]
    public async Task GrantWithoutExactlyOneTarget_ExitsTwo_WithoutCallingTheServer()
    {
        await _admin.SignInAsync();

        var neither = await _admin.RunAsync("Grant-CsTeamsMeetingPolicy", "-PolicyName", "Anything");
        var both = await _admin.RunAsync("Grant-CsTeamsMeetingPolicy", "-Identity", ConclaveServerFixture.AdminUpn, "-Global", "-PolicyName", "Anything");
        var rankWithoutGroup = await _admin.RunAsync("Grant-CsTeamsMeetingPolicy", "-Global", "-PolicyName", "Anything", "-Rank", "2");
        var noPolicyName = await _admin.RunAsync("Grant-CsTeamsMeetingPolicy", "-Global");

        foreach (var run in new[] { neither, both, rankWithoutGroup })
        {
            Assert.Equal(ExitCodes.Usage, run.ExitCode);
            Assert.Contains("Parameter set cannot be resolved", run.Stderr, StringComparison.Ordinal);
        }
        Assert.Equal(ExitCodes.Usage, noPolicyName.ExitCode);
        Assert.Contains("PolicyName", noPolicyName.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdministrator_IsRefused_ExitOne_AndTheServerAuditsIt()
    {
        await _admin.SignInAsync();
        var name = PolicyCli.Unique("mallory");
        var upn = await _admin.NewUserAsync(name, "mallory-password-123");
        var login = await _cli.RunWithInputAsync("mallory-password-123\n", "login", "--server", _server.Url, "--user", upn, "--password-stdin", "--profile", name);
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());
        var before = await _admin.JsonAsync("Get-CsTeamsMeetingPolicy", "Global");

        var set = await _cli.RunAsync("admin", "Set-CsTeamsMeetingPolicy", "-Identity", "Global", "-AllowMeetNow", "$false", "--profile", name);
        var grant = await _cli.RunAsync("admin", "Grant-CsTeamsMeetingPolicy", "-Identity", upn, "-PolicyName", "$null", "--profile", name);

        foreach (var run in new[] { set, grant })
        {
            Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
            Assert.Matches("^[a-z_.0-9]+: ", run.Stderr);
            Assert.Empty(run.Stdout);
        }
        Assert.Equal(before.GetRawText(), (await _admin.JsonAsync("Get-CsTeamsMeetingPolicy", "Global")).GetRawText());
        var denied = await _admin.AuditAsync("admin.denied", upn);
        Assert.Contains(denied, d => d.Outcome == "Denied" && d.Target.StartsWith("GET /api/admin/policies", StringComparison.Ordinal));
        Assert.Contains(denied, d => d.Outcome == "Denied" && d.Target == "POST /api/admin/policies/TeamsMeetingPolicy/grants");
    }

    [Fact]
    public async Task SettingsHelp_ListsTheServersParametersAndValidValues()
    {
        await _admin.SignInAsync();

        var help = await _admin.RunAsync("Set-CsTeamsEnhancedEncryptionPolicy", "--help");

        Assert.True(help.ExitCode == ExitCodes.Ok, help.ToString());
        Assert.Contains("-CallingEndtoEndEncryptionEnabledType {Disabled | DisabledUserOverride | EnabledUserOverride | Required}", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("Conclave extensions: EnabledUserOverride, Required", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NOTE", help.Stdout, StringComparison.Ordinal);
    }
}
