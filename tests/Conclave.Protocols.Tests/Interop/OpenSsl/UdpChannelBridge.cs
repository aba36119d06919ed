using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Interop.OpenSsl;

/// <summary>
/// A UDP socket on 127.0.0.1 wired to a <see cref="DtlsPacketChannel"/>, standing in for the ICE
/// socket: received datagrams are delivered to the channel, the channel's datagrams go to the peer.
/// </summary>
internal sealed class UdpChannelBridge : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private volatile EndPoint? _peer;

    public UdpChannelBridge(IPEndPoint? peer = null)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _peer = peer;
        Channel = new DtlsPacketChannel(Send);
        _pump = Task.Run(PumpAsync);
    }

    public DtlsPacketChannel Channel { get; }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>A free UDP port on 127.0.0.1 for a peer to listen on (released again before returning).</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _pump.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The pump ends with the socket.
        }

        _stop.Dispose();
    }

    private void Send(ReadOnlySpan<byte> datagram)
    {
        EndPoint? peer = _peer;
        if (peer is not null)
        {
            _socket.SendTo(datagram, SocketFlags.None, peer);
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            // Only loopback peers are ever expected here.
            if (received.RemoteEndPoint is IPEndPoint from && IPAddress.IsLoopback(from.Address))
            {
                _peer ??= from;
                Channel.Deliver(buffer.AsSpan(0, received.ReceivedBytes));
            }
        }
    }
}
