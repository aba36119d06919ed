namespace Conclave.Protocols.Ice;

/// <summary>Agent states, as WebRTC names them (RFC 8445 §6.1.3 plus consent, RFC 7675).</summary>
public enum IceConnectionState
{
    New,
    Checking,
    Connected,
    Completed,
    /// <summary>Consent has not been refreshed for a while (RFC 7675); it may come back.</summary>
    Disconnected,
    /// <summary>Every pair failed, or consent expired (RFC 7675 §5.1: 30 s): no more data may be sent.</summary>
    Failed,
    Closed,
}
