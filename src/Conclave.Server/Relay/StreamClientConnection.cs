using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Relay;

/// <summary>A client on a TCP or TLS connection. Writes are serialised: requests and relayed data share the stream.</summary>
internal sealed class StreamClientConnection : IRelayClientConnection, IRelayConnectionSource
{
    private readonly Stream _stream;
    private readonly Lock _writeLock = new();
    private bool _broken;

    public StreamClientConnection(Stream stream, RelayTransport transport, IPEndPoint remote, IPEndPoint local)
    {
        _stream = stream;
        Transport = transport;
        RemoteEndPoint = remote;
        LocalEndPoint = local;
        RemoteSocketAddress = remote.Serialize();
    }

    public RelayTransport Transport { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    public SocketAddress RemoteSocketAddress { get; }

    public bool IsStream => true;

    public IRelayClientConnection GetConnection() => this;

    public void Send(ReadOnlySpan<byte> message)
    {
        lock (_writeLock)
        {
            if (_broken)
            {
                return;
            }

            try
            {
                _stream.Write(message);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                // The reader side notices the closed connection and deletes the allocation.
                _broken = true;
            }
        }
    }
}
