namespace Conclave.Cli.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class AdminCmdletEndToEndTests(ConclaveServerFixture server) : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string Upn(string name) => $"{name}@{ConclaveServerFixture.Domain}";

    [Fact]
    public async Task EveryAdminCmdlet_RunsAgainstTheServer()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var (created, user) = await ConclaveServerFixture.AdminJsonAsync(_cli,
            "admin", "New-CsUser", "-UserPrincipalName", Upn("erin"), "-DisplayName", "Erin", "-Kind", "guest", "-LicensedToScheduleMeetings", "$false");
        Assert.Equal(Upn("erin"), user.GetProperty("upn").GetString());
        Assert.Equal("Guest", user.GetProperty("kind").GetString());
        Assert.False(user.GetProperty("licensedToScheduleMeetings").GetBoolean());
        Assert.False(string.IsNullOrEmpty(user.GetProperty("oneTimePassword").GetString()));
        Assert.Contains("One-time password", created.Stderr, StringComparison.Ordinal);

        var (_, all) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Get-CsUser");
        Assert.Contains(Upn("erin"), all.EnumerateArray().Select(u => u.GetProperty("upn").GetString()));
        var (_, one) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "get-csuser", Upn("erin"));
        Assert.Equal("Erin", one.GetProperty("displayName").GetString());

        var (_, updated) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Set-CsUser", "-Identity", Upn("erin"), "-DisplayName", "Erin E", "-Enabled:$false");
        Assert.Equal("Erin E", updated.GetProperty("displayName").GetString());
        Assert.False(updated.GetProperty("enabled").GetBoolean());

        var (_, group) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-CsGroup", "-DisplayName", "Finance", "-MailNickname", "fin");
        Assert.Equal("Finance", group.GetProperty("name").GetString());
        var (_, membership) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Add-CsGroupMember", "-Group", "Finance", "-Member", Upn("erin"));
        Assert.Contains(Upn("erin"), membership.GetRawText(), StringComparison.Ordinal);

        var (_, groups) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Get-CsGroup");
        Assert.Contains(groups.EnumerateArray(), g => g.GetProperty("name").GetString() == "Finance" && g.GetRawText().Contains(Upn("erin"), StringComparison.Ordinal));
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Remove-CsGroupMember", "-Group", "Finance", "-Member", Upn("erin"));
        var (_, after) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Get-CsGroup");
        Assert.DoesNotContain(after.EnumerateArray(), g => g.GetProperty("name").GetString() == "Finance" && g.GetRawText().Contains(Upn("erin"), StringComparison.Ordinal));

        // Admin roles are for members: the guest becomes one first.
        var (_, member) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Set-CsUser", "-Identity", Upn("erin"), "-Kind", "Member");
        Assert.Equal("Member", member.GetProperty("kind").GetString());
        var (_, granted) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Grant-CsAdminRole", Upn("erin"), "-Role", "TeamsAdministrator");
        Assert.Contains("TeamsAdministrator", granted.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var (app, registration) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-CsAppRegistration", "-DisplayName", "Reporter", "-Roles", "ComplianceAdministrator");
        Assert.False(string.IsNullOrEmpty(registration.GetProperty("clientId").GetString()));
        Assert.False(string.IsNullOrEmpty(registration.GetProperty("clientSecret").GetString()));
        Assert.Contains("shown only now", app.Stderr, StringComparison.Ordinal);
        var clientId = registration.GetProperty("clientId").GetString()!;

        var (_, apps) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Get-CsAppRegistration");
        var listed = apps.EnumerateArray().Single(a => a.GetProperty("clientId").GetString() == clientId);
        Assert.False(listed.TryGetProperty("clientSecret", out _));
        var (_, changed) = await ConclaveServerFixture.AdminJsonAsync(_cli,
            "admin", "Set-CsAppRegistration", clientId, "-Enabled", "$false", "-Roles", "$null", "-DisplayName", "Reporter 2");
        Assert.False(changed.GetProperty("enabled").GetBoolean());
        Assert.Empty(changed.GetProperty("roles").EnumerateArray());
        Assert.Equal("Reporter 2", changed.GetProperty("displayName").GetString());
        var (_, fetched) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "get-csappregistration", "-Identity", clientId);
        Assert.False(fetched.GetProperty("enabled").GetBoolean());
        var (rekeyed, secret) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-CsAppRegistrationSecret", clientId);
        Assert.NotEqual(registration.GetProperty("clientSecret").GetString(), secret.GetProperty("clientSecret").GetString());
        Assert.Contains("shown only now", rekeyed.Stderr, StringComparison.Ordinal);
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Remove-CsAppRegistration", clientId);
        var gone = await _cli.RunAsync("admin", "Get-CsAppRegistration", clientId, "--profile", "admin");
        Assert.True(gone.ExitCode == ExitCodes.Refused, gone.ToString());
        Assert.StartsWith("request.not_found: ", gone.Stderr, StringComparison.Ordinal);

        var (_, audit) = await ConclaveServerFixture.AdminJsonAsync(_cli,
            "admin", "Search-AuditLog", "-UserIds", ConclaveServerFixture.AdminUpn, "-Operations", "admin.user.create,admin.role.grant", "-ResultSize", "50");
        var actions = audit.EnumerateArray().Select(r => (Action: r.GetProperty("action").GetString(), Target: r.GetProperty("target").GetString())).ToList();
        Assert.Contains(("admin.user.create", Upn("erin")), actions);
        Assert.Contains(("admin.role.grant", Upn("erin")), actions);
    }

    [Fact]
    public async Task TableOutput_IsTheDefault()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var run = await _cli.RunAsync("admin", "Get-CsUser", "--profile", "admin");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("Upn", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(ConclaveServerFixture.AdminUpn, run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("{", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdministrator_RunningAnAdminCmdlet_ExitsOne_WithTheServersCode()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        var created = await _cli.RunAsync("admin", "New-CsUser", "-UserPrincipalName", Upn("frank"), "-DisplayName", "Frank", "-Password", "frank-password-123", "--profile", "admin");
        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());
        var login = await _cli.RunWithInputAsync("frank-password-123\n", "login", "--server", server.Url, "--user", Upn("frank"), "--password-stdin", "--profile", "frank");
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());

        var run = await _cli.RunAsync("admin", "Get-CsUser", "--profile", "frank");

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.Matches("^[a-z_.0-9]+: ", run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task ServerRefusal_IsShownAsCodeAndDetail()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var run = await _cli.RunAsync("admin", "Add-CsGroupMember", "-Group", "NoSuchGroup", "-Member", ConclaveServerFixture.AdminUpn, "--profile", "admin");

        Assert.True(run.ExitCode == ExitCodes.Refused, run.ToString());
        Assert.StartsWith("request.not_found: ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadParameter_ExitsTwo_WithoutCallingTheServer()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var run = await _cli.RunAsync("admin", "Grant-CsAdminRole", "-Identity", ConclaveServerFixture.AdminUpn, "-Role", "Overlord", "--profile", "admin");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("parameter 'Role'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("GlobalAdministrator,TeamsAdministrator,ComplianceAdministrator", run.Stderr, StringComparison.Ordinal);
    }
}
