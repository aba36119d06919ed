using Conclave.Domain.Calls;

namespace Conclave.Server.Calls;

internal static class E2eeInfoMapping
{
    public static E2eeInfo ToInfo(this E2eeDecision decision) => new(
        decision.EndToEnd,
        decision.Refused,
        [.. decision.Reasons.Select(r => new E2eeReasonInfo(r.Code.ToString(), r.Side?.ToString(), r.Message))],
        decision.Summary);
}
