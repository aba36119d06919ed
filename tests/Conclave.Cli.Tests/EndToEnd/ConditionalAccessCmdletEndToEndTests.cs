namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>The conditional access cmdlets against the real server: a named location, a policy, What If, devices and their compliance.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConditionalAccessCmdletEndToEndTests(ConclaveServerFixture server) : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task LocationPolicyWhatIfAndDeviceCompliance_FromTheCommandLine()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var (_, location) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-CsNamedLocation", "HQ", "-IpRanges", "10.0.0.0/8,2001:db8::/32", "-IsTrusted", "$true");
        Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], location.GetProperty("ipRanges").EnumerateArray().Select(r => r.GetString()!).ToArray());

        var bad = await _cli.RunAsync("admin", "New-CsNamedLocation", "Bad", "-IpRanges", "10.0.0.1/8", "--profile", "admin");
        Assert.True(bad.ExitCode == ExitCodes.Refused, bad.ToString());
        Assert.StartsWith("access.invalid_ip_range: ", bad.Stderr, StringComparison.Ordinal);

        var (_, policy) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-CsConditionalAccessPolicy", "Outside HQ",
            "-State", "ReportOnly", "-IncludeUsers", "All", "-Applications", "Chat", "-ExcludeLocations", "AllTrusted", "-GrantControls", "Block");
        Assert.Equal(("ReportOnly", "AllTrusted"), (policy.GetProperty("state").GetString(), policy.GetProperty("excludeLocations")[0].GetString()));

        var (_, changed) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Set-CsConditionalAccessPolicy", "Outside HQ", "-GrantControls", "RequireMfa,RequireCompliantDevice");
        Assert.Equal(["RequireMfa", "RequireCompliantDevice"], changed.GetProperty("grantControls").EnumerateArray().Select(g => g.GetString()!).ToArray());

        var (_, inside) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Test-CsConditionalAccess", "-User", ConclaveServerFixture.AdminUpn, "-Location", "10.1.2.3");
        Assert.Equal("NotApplied", inside.GetProperty("policies")[0].GetProperty("outcome").GetString());
        var (_, outside) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Test-CsConditionalAccess", ConclaveServerFixture.AdminUpn, "-Location", "198.51.100.1", "-Mfa");
        Assert.Equal(("Allowed", "RequireCompliantDevice"), (outside.GetProperty("decision").GetString(), outside.GetProperty("policies")[0].GetProperty("outcome").GetString()));

        var (_, devices) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Get-CsDevice", "-User", ConclaveServerFixture.AdminUpn);
        var device = devices.EnumerateArray().First().GetProperty("id").GetString()!;
        var (_, marked) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Set-CsDeviceCompliance", "-Identity", device, "-Compliant", "$true");
        Assert.True(marked.GetProperty("isCompliant").GetBoolean());
        var (_, compliant) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Test-CsConditionalAccess", ConclaveServerFixture.AdminUpn, "-Location", "198.51.100.1", "-Mfa", "-Device", device);
        Assert.Equal("Granted", compliant.GetProperty("policies")[0].GetProperty("outcome").GetString());

        var (_, named) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Set-CsConditionalAccessPolicy", "Outside HQ", "-IncludeLocations", "hq");
        Assert.Equal("HQ", named.GetProperty("includeLocations")[0].GetString());
        var inUse = await _cli.RunAsync("admin", "Remove-CsNamedLocation", "HQ", "--profile", "admin");
        Assert.StartsWith("access.location_in_use: ", inUse.Stderr, StringComparison.Ordinal);
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Remove-CsConditionalAccessPolicy", "Outside HQ");
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Remove-CsNamedLocation", "HQ");
        var gone = await _cli.RunAsync("admin", "Get-CsConditionalAccessPolicy", "Outside HQ", "--profile", "admin");
        Assert.StartsWith("access.not_found: ", gone.Stderr, StringComparison.Ordinal);
    }
}
