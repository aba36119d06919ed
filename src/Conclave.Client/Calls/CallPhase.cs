namespace Conclave.Client.Calls;

/// <summary>Where a call is, as this device sees it.</summary>
public enum CallPhase
{
    Ringing,
    Connected,
    Ended,
}
