namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>The DLP cmdlets in Purview's habits, against the real server: a policy, a rule, a custom type, classification.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DlpCmdletEndToEndTests(ConclaveServerFixture server) : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task PolicyRuleAndCustomType_AreCreatedChangedAndRemoved_FromTheCommandLine()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        var (_, policy) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-DlpCompliancePolicy", "Card data", "-Mode", "TestWithNotifications");
        Assert.Equal(("Card data", "TestWithNotifications"), (policy.GetProperty("name").GetString(), policy.GetProperty("mode").GetString()));

        var (_, type) = await ConclaveServerFixture.AdminJsonAsync(_cli,
            "admin", "New-DlpSensitiveInformationType", "Employee ID", "-Pattern", @"EMP\d{6}", "-Keywords", "employee,staff", "-KeywordProximity", "40");
        Assert.Equal("Organization", type.GetProperty("publisher").GetString());

        var (_, rule) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "New-DlpComplianceRule", "Cards out",
            "-Policy", "Card data", "-ContentContainsSensitiveInformation", "Credit Card Number:2:High,Employee ID",
            "-BlockAccess", "$true", "-NotifyAllowOverride", "WithJustification", "-AccessScope", "NotInOrganization");
        Assert.Equal("BlockWithOverride", rule.GetProperty("action").GetString());
        var conditions = rule.GetProperty("contentContainsSensitiveInformation").EnumerateArray().ToList();
        Assert.Equal(("Credit Card Number", 2, "High"),
            (conditions[0].GetProperty("name").GetString(), conditions[0].GetProperty("minCount").GetInt32(), conditions[0].GetProperty("minConfidence").GetString()));
        Assert.Equal("Employee ID", conditions[1].GetProperty("name").GetString());

        var (_, changed) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Set-DlpComplianceRule", "Cards out", "-BlockAccess", "$false", "-NotifyUser", "LastModifier");
        Assert.Equal("NotifySender", changed.GetProperty("action").GetString());

        var (_, found) = await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Test-DataClassification", "staff EMP123456 paid with 4111 1111 1111 1111");
        var names = found.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("Employee ID", names);
        Assert.Contains("Credit Card Number", names);
        Assert.DoesNotContain("1111 1111 1111", found.GetRawText(), StringComparison.Ordinal);

        var inUse = await _cli.RunAsync("admin", "Remove-DlpSensitiveInformationType", "Employee ID", "--profile", "admin");
        Assert.True(inUse.ExitCode == ExitCodes.Refused, inUse.ToString());
        Assert.StartsWith("dlp.type_in_use: ", inUse.Stderr, StringComparison.Ordinal);

        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Remove-DlpCompliancePolicy", "Card data");
        var gone = await _cli.RunAsync("admin", "Get-DlpComplianceRule", "Cards out", "--profile", "admin");
        Assert.StartsWith("dlp.not_found: ", gone.Stderr, StringComparison.Ordinal);
        await ConclaveServerFixture.AdminJsonAsync(_cli, "admin", "Remove-DlpSensitiveInformationType", "Employee ID");
    }
}
