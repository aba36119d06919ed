namespace Conclave.Contracts.Calls;

/// <summary>The names of the messages the call hub pushes to a device.</summary>
public static class CallClientMethods
{
    public const string IncomingCall = "IncomingCall";
    public const string CallAccepted = "CallAccepted";
    public const string CallEnded = "CallEnded";
    public const string Description = "Description";
    public const string Candidate = "Candidate";
}
