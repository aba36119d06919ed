using System.Text.Json;
using Conclave.Cli.Tests.EndToEnd;

namespace Conclave.Cli.Tests.Policies;

/// <summary>Intent methods for the policy end-to-end tests: the administrator's cmdlets, users, groups and audit.</summary>
internal sealed class PolicyCli(ConclaveServerFixture server, CliHarness cli)
{
    public static string Unique(string prefix) => prefix + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    public static string Upn(string name) => $"{name}@{ConclaveServerFixture.Domain}";

    public async Task SignInAsync() => Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(cli)).ExitCode);

    /// <summary>An admin cmdlet with <c>-o json</c> that must succeed.</summary>
    public async Task<JsonElement> JsonAsync(params string[] args) => (await ConclaveServerFixture.AdminJsonAsync(cli, ["admin", .. args])).Json;

    /// <summary>An admin cmdlet as the administrator, whatever its outcome.</summary>
    public Task<CliRun> RunAsync(params string[] args) => cli.RunAsync(["admin", .. args, "--profile", "admin"]);

    public async Task<string> NewUserAsync(string name, string? password = null)
    {
        var upn = Upn(name);
        string[] args = password is null
            ? ["New-CsUser", "-UserPrincipalName", upn, "-DisplayName", name]
            : ["New-CsUser", "-UserPrincipalName", upn, "-DisplayName", name, "-Password", password];
        await JsonAsync(args);
        return upn;
    }

    public async Task<string> NewGroupAsync(string name, params string[] members)
    {
        await JsonAsync("New-CsGroup", "-DisplayName", name);
        foreach (var member in members)
            await JsonAsync("Add-CsGroupMember", "-Group", name, "-Member", member);
        return name;
    }

    /// <summary>The user's effective rows of one type, keyed by setting, from Get-CsEffectivePolicy.</summary>
    public async Task<Dictionary<string, (string Value, string Source)>> EffectiveAsync(string user, string policyType)
    {
        var rows = await JsonAsync("Get-CsEffectivePolicy", "-Identity", user, "-PolicyType", policyType);
        return rows.EnumerateArray().ToDictionary(
            r => r.GetProperty("parameter").GetString()!,
            r => (r.GetProperty("value").ToString(), r.GetProperty("source").GetString()!));
    }

    public async Task<string> SourceAsync(string user, string policyType) =>
        (await EffectiveAsync(user, policyType)).Values.Select(v => v.Source).Distinct().Single();

    /// <summary>The administrator's audit records of one action (newest first), details parsed.</summary>
    public async Task<List<(string Target, string Outcome, string? Actor, JsonElement Details)>> AuditAsync(string action, string? actor = ConclaveServerFixture.AdminUpn)
    {
        string[] args = actor is null
            ? ["Search-AuditLog", "-Operations", action, "-ResultSize", "1000"]
            : ["Search-AuditLog", "-UserIds", actor, "-Operations", action, "-ResultSize", "1000"];
        var records = await JsonAsync(args);
        return [.. records.EnumerateArray().Select(r => (
            r.GetProperty("target").GetString() ?? "",
            r.GetProperty("outcome").GetString() ?? "",
            r.TryGetProperty("actorUpn", out var a) ? a.GetString() : null,
            Details(r)))];
    }

    private static JsonElement Details(JsonElement record) =>
        !record.TryGetProperty("details", out var details) ? default
        : details.ValueKind == JsonValueKind.String ? JsonDocument.Parse(details.GetString()!).RootElement.Clone()
        : details;
}
