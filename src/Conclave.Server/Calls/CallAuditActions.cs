namespace Conclave.Server.Calls;

/// <summary>Audit action names of calls. Details hold the call id, E2EE verdict and reason codes, never media secrets.</summary>
public static class CallAuditActions
{
    public const string Placed = "call.placed";
    public const string Answered = "call.answered";
    public const string Ended = "call.ended";
    public const string Refused = "call.refused";
    public const string Feature = "call.feature";
}
