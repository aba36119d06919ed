using System.Net;
using Conclave.Contracts.Errors;
using Conclave.Domain.ConditionalAccess;

namespace Conclave.Domain.Tests.ConditionalAccess;

public sealed class ConditionalAccessEvaluationTests
{
    private static readonly NamedLocation Office = NamedLocation.Create("Office", ["10.0.0.0/8", "2001:db8::/32"], isTrusted: true).Value;
    private static readonly NamedLocation Cafe = NamedLocation.Create("Cafe", ["198.51.100.0/24"], isTrusted: false).Value;

    /// <summary>
    /// One row: a policy (by a short spec), a request, and the expected code (null: allowed) and outcome of the policy.
    /// Users: "alice" is in group "g-finance", "bob" in none.
    /// </summary>
    public static TheoryData<string, Row> Rows => new()
    {
        { "block all users on chat refuses chat", new(P(grant: [GrantControl.Block]), R("alice"), ErrorCodes.Access.Blocked, "Block") },
        { "block on chat does not touch sign-in", new(P(grant: [GrantControl.Block]), R("alice", app: AccessApplications.SignIn), null, "NotApplied") },
        { "all applications covers admin API", new(P(apps: AccessApplications.All, grant: [GrantControl.Block]), R("alice", app: AccessApplications.AdminApi), ErrorCodes.Access.Blocked, "Block") },
        { "excluded user beats all users", new(P(excludeUsers: ["alice"], grant: [GrantControl.Block]), R("alice"), null, "NotApplied") },
        { "excluded group beats included user", new(P(allUsers: false, users: ["alice"], excludeGroups: ["g-finance"], grant: [GrantControl.Block]), R("alice"), null, "NotApplied") },
        { "included group selects member", new(P(allUsers: false, groups: ["g-finance"], grant: [GrantControl.Block]), R("alice"), ErrorCodes.Access.Blocked, "Block") },
        { "included group skips non-member", new(P(allUsers: false, groups: ["g-finance"], grant: [GrantControl.Block]), R("bob"), null, "NotApplied") },
        { "mfa required, password only", new(P(grant: [GrantControl.RequireMfa]), R("alice"), ErrorCodes.Access.MfaRequired, "RequireMfa") },
        { "mfa required, mfa performed", new(P(grant: [GrantControl.RequireMfa]), R("alice", mfa: true), null, "Granted") },
        { "mfa and device: mfa fails first", new(P(grant: [GrantControl.RequireMfa, GrantControl.RequireCompliantDevice]), R("alice"), ErrorCodes.Access.MfaRequired, "RequireMfa") },
        { "mfa and device: device fails", new(P(grant: [GrantControl.RequireMfa, GrantControl.RequireCompliantDevice]), R("alice", mfa: true), ErrorCodes.Access.DeviceNotCompliant, "RequireCompliantDevice") },
        { "mfa and device: both met", new(P(grant: [GrantControl.RequireMfa, GrantControl.RequireCompliantDevice]), R("alice", mfa: true, compliant: true), null, "Granted") },
        { "block wins over met controls", new(P(grant: [GrantControl.Block, GrantControl.RequireMfa]), R("alice", mfa: true), ErrorCodes.Access.Blocked, "Block") },
        { "report-only never refuses", new(P(state: ConditionalAccessPolicyState.ReportOnly, grant: [GrantControl.Block]), R("alice"), null, "Block") },
        { "disabled never applies", new(P(state: ConditionalAccessPolicyState.Disabled, grant: [GrantControl.Block]), R("alice"), null, "NotApplied") },
        { "block outside trusted: from cafe", new(P(excludeLocations: LocationSelection.AllTrusted, grant: [GrantControl.Block]), R("alice", ip: "198.51.100.9"), ErrorCodes.Access.Blocked, "Block") },
        { "block outside trusted: from office", new(P(excludeLocations: LocationSelection.AllTrusted, grant: [GrantControl.Block]), R("alice", ip: "10.1.2.3"), null, "NotApplied") },
        { "block outside trusted: office over IPv4-mapped IPv6", new(P(excludeLocations: LocationSelection.AllTrusted, grant: [GrantControl.Block]), R("alice", ip: "::ffff:10.1.2.3"), null, "NotApplied") },
        { "block outside trusted: office over IPv6", new(P(excludeLocations: LocationSelection.AllTrusted, grant: [GrantControl.Block]), R("alice", ip: "2001:db8::5"), null, "NotApplied") },
        { "block outside trusted: unknown address is not trusted", new(P(excludeLocations: LocationSelection.AllTrusted, grant: [GrantControl.Block]), R("alice", ip: null), ErrorCodes.Access.Blocked, "Block") },
        { "named include selects only it", new(P(includeLocations: Named("Cafe"), grant: [GrantControl.RequireMfa]), R("alice", ip: "10.1.2.3"), null, "NotApplied") },
        { "named include from it", new(P(includeLocations: Named("cafe"), grant: [GrantControl.RequireMfa]), R("alice", ip: "198.51.100.1"), ErrorCodes.Access.MfaRequired, "RequireMfa") },
        { "named include, unknown address", new(P(includeLocations: Named("Cafe"), grant: [GrantControl.RequireMfa]), R("alice", ip: null), null, "NotApplied") },
        { "exclusion of location beats inclusion", new(P(includeLocations: Named("Cafe"), excludeLocations: Named("Cafe"), grant: [GrantControl.Block]), R("alice", ip: "198.51.100.1"), null, "NotApplied") },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Evaluate_Table(string because, Row row)
    {
        var set = new ConditionalAccessPolicySet([row.Policy], [Office, Cafe]);
        var decision = set.Evaluate(row.Request);
        Assert.True(row.ExpectedCode == decision.Refusal?.Code, $"{because}: got {decision.Refusal?.Code ?? "allowed"}");
        Assert.Equal(row.ExpectedOutcome, Assert.Single(decision.Results).Outcome);
    }

    [Fact]
    public void Evaluate_NoPolicy_Allows()
    {
        var decision = ConditionalAccessPolicySet.Empty.Evaluate(R("alice"));
        Assert.True(decision.IsAllowed);
        Assert.Empty(decision.Results);
        Assert.True(ConditionalAccessPolicySet.Empty.IsInert);
    }

    [Fact]
    public void Evaluate_BlockBeatsMfaAcrossPolicies_AndNamesTheBlockingPolicy()
    {
        var mfa = P(grant: [GrantControl.RequireMfa]) with { Name = "A needs MFA" };
        var block = P(grant: [GrantControl.Block]) with { Name = "B blocks" };
        var report = P(state: ConditionalAccessPolicyState.ReportOnly, grant: [GrantControl.RequireCompliantDevice]) with { Name = "C reports" };
        var decision = new ConditionalAccessPolicySet([mfa, block, report], []).Evaluate(R("alice"));
        Assert.Equal(ErrorCodes.Access.Blocked, decision.Refusal!.Code);
        Assert.Contains("'B blocks'", decision.Refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("A needs MFA", decision.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(["A needs MFA", "B blocks"], decision.Refusing.Select(r => r.Policy));
        Assert.Equal("C reports", Assert.Single(decision.ReportOnlyFailures).Policy);
    }

    [Fact]
    public void IsTrusted_OnlyTrustedLocations()
    {
        var set = new ConditionalAccessPolicySet([], [Office, Cafe]);
        Assert.True(set.IsTrusted(IPAddress.Parse("10.9.9.9")));
        Assert.False(set.IsTrusted(IPAddress.Parse("198.51.100.1")));
        Assert.False(set.IsTrusted(null));
    }

    public sealed record Row(ConditionalAccessPolicy Policy, AccessRequest Request, string? ExpectedCode, string ExpectedOutcome);

    private static LocationSelection Named(params string[] names) => new(LocationSelectionKind.Named, names);

    private static ConditionalAccessPolicy P(
        ConditionalAccessPolicyState state = ConditionalAccessPolicyState.Enabled,
        bool allUsers = true,
        string[]? users = null,
        string[]? groups = null,
        string[]? excludeUsers = null,
        string[]? excludeGroups = null,
        AccessApplications apps = AccessApplications.Chat,
        LocationSelection? includeLocations = null,
        LocationSelection? excludeLocations = null,
        GrantControl[]? grant = null) =>
        new("Policy", state, allUsers, Set(users), Set(groups), Set(excludeUsers), Set(excludeGroups), apps,
            includeLocations ?? LocationSelection.Any, excludeLocations ?? LocationSelection.None, (grant ?? []).ToHashSet());

    private static AccessRequest R(
        string user, AccessApplications app = AccessApplications.Chat, string? ip = "203.0.113.1", bool mfa = false, bool compliant = false) =>
        new(user, user == "alice" ? Set(["g-finance"]) : Set([]), app, ip is null ? null : IPAddress.Parse(ip), mfa, compliant);

    private static HashSet<string> Set(string[]? values) => new(values ?? [], StringComparer.Ordinal);
}
