using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Tests.Calls;

/// <summary>
/// A UDP forwarder on 127.0.0.1 in front of the TURN relay that keeps a copy of every datagram: what an
/// operator (or anyone on the relay's path) could capture.
/// </summary>
internal sealed class UdpCaptureProxy : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _upstream;
    private readonly ConcurrentDictionary<IPEndPoint, Socket> _legs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public UdpCaptureProxy(IPEndPoint upstream)
    {
        _upstream = upstream;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _loops.Add(Task.Run(() => ForwardUpAsync(_stop.Token)));
    }

    public int Port { get; }

    /// <summary>Datagrams from the clients toward the relay.</summary>
    public ConcurrentQueue<byte[]> Upstream { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        foreach (var leg in _legs.Values)
        {
            leg.Dispose();
        }

        await Task.WhenAll(_loops).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ForwardUpAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _listener.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var client = (IPEndPoint)received.RemoteEndPoint;
            var datagram = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            Upstream.Enqueue(datagram);
            var leg = _legs.GetOrAdd(client, c =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                socket.Connect(_upstream);
                lock (_loops)
                {
                    _loops.Add(Task.Run(() => ForwardDownAsync(socket, c, cancellationToken)));
                }

                return socket;
            });
            try
            {
                await leg.SendAsync(datagram, cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private async Task ForwardDownAsync(Socket leg, IPEndPoint client, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var length = await leg.ReceiveAsync(buffer, cancellationToken);
                await _listener.SendToAsync(buffer.AsMemory(0, length), client, cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
