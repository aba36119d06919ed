using System.Net;

namespace Conclave.Protocols.Net;

/// <summary>Binds datagram sockets and lists the local addresses to gather candidates on.</summary>
public interface INetwork
{
    /// <summary>Binds a socket; port 0 picks an ephemeral port.</summary>
    ValueTask<IDatagramSocket> BindAsync(IPEndPoint localEndPoint, CancellationToken cancellationToken);

    /// <summary>Unicast addresses of this host's interfaces (loopback included; callers filter).</summary>
    IReadOnlyList<IPAddress> GetLocalAddresses();
}
