using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Tests.Relay;

/// <summary>A plain UDP peer on loopback talking to a relayed address.</summary>
internal sealed class UdpPeer : IDisposable
{
    private readonly Socket _socket;

    /// <summary>A peer on an ephemeral port of <paramref name="local"/> (default 127.0.0.1).</summary>
    public UdpPeer(IPAddress? local = null)
    {
        local ??= IPAddress.Loopback;
        _socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(local, 0));
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void SendTo(byte[] data, IPEndPoint to) => _socket.SendTo(data, to);

    public async Task<(byte[] Data, IPEndPoint From)> ReceiveAsync(int timeoutMs = 5000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[65536];
        var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), cts.Token);
        return (buffer.AsSpan(0, result.ReceivedBytes).ToArray(), (IPEndPoint)result.RemoteEndPoint);
    }

    public void Dispose() => _socket.Dispose();
}
