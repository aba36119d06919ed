using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Net;

namespace Conclave.Server.Media;

/// <summary>
/// What one leg's ICE-lite agent gathers on: the processor's single listen address, bound inside the
/// configured port range (RFC 8445 §5.1.1.1 lets an agent pick its ports), one socket per leg.
/// </summary>
internal sealed class MediaLegNetwork(IPAddress address, MediaLegPortRange ports, MediaProcessorMetrics metrics) : INetwork
{
    /// <summary>The socket the agent bound, once it gathered.</summary>
    public MediaLegSocket? Socket { get; private set; }

    public ValueTask<IDatagramSocket> BindAsync(IPEndPoint localEndPoint, CancellationToken cancellationToken)
    {
        if (Socket is not null)
        {
            throw new InvalidOperationException("A leg has one socket.");
        }

        var socket = ports.Bind(address) ?? throw new SocketException((int)SocketError.AddressAlreadyInUse);
        Socket = new MediaLegSocket(socket, metrics);
        return ValueTask.FromResult<IDatagramSocket>(Socket);
    }

    public IReadOnlyList<IPAddress> GetLocalAddresses() => [address];
}
