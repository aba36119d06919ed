using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Net;
using Conclave.Server.Networking;

namespace Conclave.Server.Media;

/// <summary>
/// What one leg's ICE-lite agent gathers on: the processor's single listen address, bound inside the
/// configured port range (RFC 8445 §5.1.1.1 lets an agent pick its ports), one socket per leg, read by
/// one of the processor's shared UDP workers.
/// </summary>
internal sealed class MediaLegNetwork(IPAddress address, UdpPortRange ports, UdpWorkerPool workers, MediaProcessorMetrics metrics) : INetwork
{
    /// <summary>The socket the agent bound, once it gathered.</summary>
    public MediaLegSocket? Socket { get; private set; }

    /// <summary>
    /// Binds the leg's socket. Every port of the range taken throws a <see cref="SocketException"/> with
    /// <see cref="SocketError.AddressAlreadyInUse"/> (the processor refuses the offer with <c>media.capacity</c>).
    /// </summary>
    public ValueTask<IDatagramSocket> BindAsync(IPEndPoint localEndPoint, CancellationToken cancellationToken)
    {
        if (Socket is not null)
        {
            throw new InvalidOperationException("A leg has one socket.");
        }

        var socket = ports.TryBind() ?? throw new SocketException((int)SocketError.AddressAlreadyInUse);
        Socket = new MediaLegSocket(socket, metrics, workers.Next());
        return ValueTask.FromResult<IDatagramSocket>(Socket);
    }

    public IReadOnlyList<IPAddress> GetLocalAddresses() => [address];
}
