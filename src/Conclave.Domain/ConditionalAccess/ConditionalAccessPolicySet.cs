using System.Net;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.ConditionalAccess;

/// <summary>
/// The organisation's conditional access policies and named locations, compiled: the one function every access
/// asks (<see cref="Evaluate"/>). Pure and immutable, so one set serves every request until the next change.
/// </summary>
public sealed class ConditionalAccessPolicySet
{
    public ConditionalAccessPolicySet(IEnumerable<ConditionalAccessPolicy> policies, IEnumerable<NamedLocation> locations)
    {
        Policies = [.. policies.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
        Locations = locations.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>No policy: every access is allowed (a new deployment, so the first administrator is never locked out).</summary>
    public static ConditionalAccessPolicySet Empty { get; } = new([], []);

    public IReadOnlyList<ConditionalAccessPolicy> Policies { get; }

    public IReadOnlyDictionary<string, NamedLocation> Locations { get; }

    /// <summary>Whether no policy is enabled or report-only: the request paths then skip gathering the context.</summary>
    public bool IsInert => Policies.All(p => p.State == ConditionalAccessPolicyState.Disabled);

    /// <summary>Whether <paramref name="address"/> is in a trusted named location (for a demand of a trusted location).</summary>
    public bool IsTrusted(IPAddress? address) => address is not null && Locations.Values.Any(l => l.IsTrusted && l.Contains(address));

    /// <summary>Every policy's result for the request, and the decision of the enabled ones.</summary>
    public AccessDecision Evaluate(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var results = new List<PolicyResult>(Policies.Count);
        foreach (var policy in Policies)
        {
            var applied = policy.State != ConditionalAccessPolicyState.Disabled && policy.Applies(request, Locations);
            results.Add(new PolicyResult(policy.Name, policy.State, applied, applied ? policy.FirstFailing(request) : null));
        }

        var refusing = results.Where(r => r.State == ConditionalAccessPolicyState.Enabled && r.FailedControl is not null).ToList();
        if (refusing.Count == 0)
        {
            return new AccessDecision(null, results);
        }

        // The most final control decides the code: a block cannot be met, MFA is asked before the device.
        var control = refusing.Min(r => r.FailedControl!.Value);
        var names = string.Join(", ", refusing.Where(r => r.FailedControl == control).Select(r => $"'{r.Policy}'"));
        return new AccessDecision(Refusal(control, names), results);
    }

    /// <summary>The refusal of a failed control, naming the policies that ask for it.</summary>
    public static Error Refusal(GrantControl control, string policies) => control switch
    {
        GrantControl.Block => new Error(ErrorCodes.Access.Blocked, $"Conditional access policy {policies} blocks this access.", ErrorKind.Forbidden),
        GrantControl.RequireMfa => new Error(
            ErrorCodes.Access.MfaRequired,
            $"Conditional access policy {policies} requires multifactor authentication; sign in again with your authenticator code.",
            ErrorKind.Forbidden),
        _ => new Error(
            ErrorCodes.Access.DeviceNotCompliant,
            $"Conditional access policy {policies} requires a compliant device; this device is not marked compliant.",
            ErrorKind.Forbidden),
    };
}
