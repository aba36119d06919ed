using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Conclave.Protocols.Net;

/// <summary>The real network: UDP sockets and the machine's interface addresses.</summary>
public sealed class UdpNetwork : INetwork
{
    public static UdpNetwork Instance { get; } = new();

    public ValueTask<IDatagramSocket> BindAsync(IPEndPoint localEndPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(localEndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (localEndPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.Bind(localEndPoint);
            return ValueTask.FromResult<IDatagramSocket>(new UdpDatagramSocket(socket));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public IReadOnlyList<IPAddress> GetLocalAddresses()
    {
        var list = new List<IPAddress>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus is not (OperationalStatus.Up or OperationalStatus.Unknown))
            {
                continue;
            }

            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                list.Add(unicast.Address);
            }
        }

        return list;
    }
}
