
namespace Conclave.Server.Calls;

/// <summary>What the server pushes to a connected device over the call hub.</summary>
public interface ICallClient
{
    /// <summary>A call rings on this device.</summary>
    Task IncomingCall(IncomingCallMessage message);

    /// <summary>The callee accepted (sent to the caller's device and to the accepting device).</summary>
    Task CallAccepted(CallAcceptedMessage message);

    /// <summary>The call ended, or stopped ringing here because another device answered.</summary>
    Task CallEnded(CallEndedMessage message);

    Task Description(DescriptionMessage message);

    Task Candidate(CandidateMessage message);
}
