namespace Conclave.Domain.Calls;

/// <summary>
/// The server's E2EE verdict on one call, told to both sides: end-to-end encrypted or not, every
/// reason when not, and whether the call is refused because a party's policy requires E2EE.
/// </summary>
public sealed record E2eeDecision(bool EndToEnd, IReadOnlyList<E2eeIneligibility> Reasons, bool Refused)
{
    /// <summary>The reason codes, in the order found (caller first).</summary>
    public IEnumerable<E2eeIneligibilityCode> Codes => Reasons.Select(r => r.Code);

    /// <summary>One line for people: "end-to-end encrypted" or why not.</summary>
    public string Summary => EndToEnd ? "end-to-end encrypted" : string.Join(" ", Reasons.Select(r => r.Message));
}
