using System.Net;

namespace Conclave.Protocols.Net;

/// <summary>
/// One bound datagram endpoint: a UDP socket, a socket on the <see cref="VirtualNetwork"/>, or the
/// relayed transport address of a TURN allocation. ICE gathers on these and sends through them.
/// </summary>
public interface IDatagramSocket : IAsyncDisposable
{
    /// <summary>The address this socket receives on (for a TURN relay, the relayed transport address).</summary>
    IPEndPoint LocalEndPoint { get; }

    ValueTask SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken);

    /// <summary>Waits for the next datagram and copies it into <paramref name="buffer"/> (truncated if longer).</summary>
    ValueTask<DatagramReceived> ReceiveFromAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
