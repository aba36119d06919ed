using System.Net.Sockets;

namespace Conclave.Server.Networking;

/// <summary>A UDP socket a <see cref="UdpWorker"/> reads: a relay listener, an allocation's relayed socket, a media leg.</summary>
internal interface IPolledSocket
{
    Socket Socket { get; }

    /// <summary>Datagrams taken per wake-up (<see cref="UdpWorker.SocketDrainLimit"/>, or <see cref="UdpWorker.ListenerDrainLimit"/> for a listener).</summary>
    int DrainLimit { get; }

    /// <summary>
    /// Handles up to <paramref name="limit"/> waiting datagrams, received with
    /// <see cref="LinuxSockets.ReceiveFrom"/> or <see cref="LinuxSockets.ReceiveMessage"/> into <paramref name="buffer"/> (their source into
    /// <paramref name="address"/>); returns when none is left.
    /// </summary>
    void Drain(byte[] buffer, byte[] address, int limit);
}
