using System.Net.Sockets;

namespace Conclave.Server.Relay;

/// <summary>A UDP socket a <see cref="RelayedSocketPoller"/> reads: a listener or an allocation's relayed socket.</summary>
internal interface IPolledSocket
{
    Socket Socket { get; }

    /// <summary>
    /// Handles up to <paramref name="limit"/> waiting datagrams, received with
    /// <see cref="LinuxSockets.ReceiveFrom"/> or <see cref="LinuxSockets.ReceiveMessage"/> into <paramref name="buffer"/> (their source into
    /// <paramref name="address"/>); returns when none is left.
    /// </summary>
    void Drain(byte[] buffer, byte[] address, int limit);
}
