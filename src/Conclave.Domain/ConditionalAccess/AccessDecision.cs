using Conclave.Domain.Common;

namespace Conclave.Domain.ConditionalAccess;

/// <summary>
/// The answer for one request: allowed, or refused with the code of the failing control (Block beats every other
/// control: <c>access.blocked</c>, then <c>access.mfa_required</c>, then <c>access.device_not_compliant</c>); and what
/// each policy said, report-only ones included.
/// </summary>
/// <param name="Refusal">Null when allowed.</param>
/// <param name="Results">One result per policy of the set, in the set's order (disabled ones as not applied).</param>
public sealed record AccessDecision(Error? Refusal, IReadOnlyList<PolicyResult> Results)
{
    public bool IsAllowed => Refusal is null;

    /// <summary>The enforced policies that refused: the ones the refusal names.</summary>
    public IEnumerable<PolicyResult> Refusing => Results.Where(r => r.State == ConditionalAccessPolicyState.Enabled && r.FailedControl is not null);

    /// <summary>The report-only policies that would have refused, to be recorded but not enforced.</summary>
    public IEnumerable<PolicyResult> ReportOnlyFailures =>
        Results.Where(r => r.State == ConditionalAccessPolicyState.ReportOnly && r.FailedControl is not null);
}

/// <summary>What one policy said of a request.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="State">Its state.</param>
/// <param name="Applied">Whether its conditions selected the request (false for a disabled policy).</param>
/// <param name="FailedControl">The first control not met; null when it applied and was met, or did not apply.</param>
public sealed record PolicyResult(string Policy, ConditionalAccessPolicyState State, bool Applied, GrantControl? FailedControl)
{
    /// <summary>NotApplied, Granted, or the failed control (Block, RequireMfa, RequireCompliantDevice).</summary>
    public string Outcome => !Applied ? "NotApplied" : FailedControl?.ToString() ?? "Granted";
}
