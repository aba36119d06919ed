namespace Conclave.Client.Calls;

/// <summary>A call ringing on this device, with the server's E2EE verdict for it.</summary>
public sealed class IncomingCall
{
    private readonly TaskCompletionSource<string> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal IncomingCall(IncomingCallMessage message) => Message = message;

    public Guid CallId => Message.CallId;

    public string CallerUpn => Message.CallerUpn;

    public E2eeInfo E2ee => Message.E2ee;

    public IncomingCallMessage Message { get; }

    /// <summary>Completes with the reason when it stops ringing here without being answered on this device
    /// (AnsweredElsewhere, Cancelled, NoAnswer, Declined).</summary>
    public Task<string> Stopped => _stopped.Task;

    internal void OnStopped(string reason) => _stopped.TrySetResult(reason);
}
