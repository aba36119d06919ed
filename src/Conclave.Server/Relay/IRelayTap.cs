using System.Net;

namespace Conclave.Server.Relay;

/// <summary>
/// Sees a copy of each payload the relay forwards (after the TURN framing is removed), so a test can
/// show what a relay operator could observe: for an end-to-end encrypted call, only STUN, DTLS and
/// SRTP. Off unless one is registered (<see cref="TurnRelayServer.Tap"/>, or as a service for
/// <c>AddConclaveRelay</c>); called on the relay's receive threads, so it must be quick and must not
/// keep the span.
/// </summary>
public interface IRelayTap
{
    /// <param name="direction">Client to peer, or peer to client.</param>
    /// <param name="relayedEndPoint">The allocation's relayed transport address.</param>
    /// <param name="payload">The application datagram, valid only during the call.</param>
    void Relayed(RelayDirection direction, IPEndPoint relayedEndPoint, ReadOnlySpan<byte> payload);
}
