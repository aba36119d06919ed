using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>
/// TCP or TLS listener (RFC 8656 §3.1 and §12.5): each connection is one client 5-tuple; messages are
/// framed out of a <see cref="PipeReader"/>. Closing the connection deletes its allocation.
/// </summary>
internal sealed class StreamRelayListener : IAsyncDisposable
{
    /// <summary>A TLS handshake that takes longer than this is abandoned.</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly TurnRelayServer _server;
    private readonly Socket _listener;
    private readonly X509Certificate2? _certificate;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _accept;

    public StreamRelayListener(TurnRelayServer server, IPEndPoint endPoint, RelayTransport transport, X509Certificate2? certificate, ILogger logger)
    {
        _server = server;
        Transport = transport;
        _certificate = certificate;
        _logger = logger;
        _listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(endPoint);
            _listener.Listen(512);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public RelayTransport Transport { get; }

    public IPEndPoint LocalEndPoint { get; }

    public void Start() => _accept = Task.Run(AcceptLoopAsync);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_accept is not null)
        {
            await _accept.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                RelayLog.ListenerFailed(_logger, Transport, e);
                continue;
            }

            client.NoDelay = true;
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        var local = (IPEndPoint)socket.LocalEndPoint!;
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        var tuple = new FiveTuple(Transport, PeerAddress.From(remote), PeerAddress.From(local));
        try
        {
            if (_certificate is not null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(HandshakeTimeout);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, timeout.Token).ConfigureAwait(false);
            }

            var connection = new StreamClientConnection(stream, Transport, remote, local);
            await ReadFramesAsync(PipeReader.Create(stream), connection, tuple).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            // A client that goes away or fails the handshake ends only its own connection.
        }
        finally
        {
            _server.ConnectionClosed(tuple);
            await stream.DisposeAsync().ConfigureAwait(false);
            RelayLog.StreamClosed(_logger, Transport, remote);
        }
    }

    private async Task ReadFramesAsync(PipeReader reader, StreamClientConnection connection, FiveTuple tuple)
    {
        while (true)
        {
            var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (TryReadFrame(ref buffer, out var frame))
            {
                if (!Dispatch(frame, connection, tuple))
                {
                    await reader.CompleteAsync().ConfigureAwait(false);
                    return;
                }
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                await reader.CompleteAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < StreamFraming.PrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[StreamFraming.PrefixLength];
        buffer.Slice(0, StreamFraming.PrefixLength).CopyTo(prefix);
        if (!StreamFraming.TryGetFrameLength(prefix, out var length))
        {
            // Not STUN, not ChannelData: hand back an empty frame so the caller closes the stream.
            frame = ReadOnlySequence<byte>.Empty;
            buffer = buffer.Slice(buffer.End);
            return true;
        }

        if (buffer.Length < length)
        {
            return false;
        }

        frame = buffer.Slice(0, length);
        buffer = buffer.Slice(length);
        return true;
    }

    private bool Dispatch(ReadOnlySequence<byte> frame, StreamClientConnection connection, FiveTuple tuple)
    {
        if (frame.IsEmpty)
        {
            return false;
        }

        if (frame.IsSingleSegment)
        {
            DispatchSpan(frame.FirstSpan, connection, tuple);
            return true;
        }

        var length = (int)frame.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            DispatchSpan(rented.AsSpan(0, length), connection, tuple);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return true;
    }

    private void DispatchSpan(ReadOnlySpan<byte> frame, StreamClientConnection connection, FiveTuple tuple)
    {
        if (_server.LooksLikeChannelData(frame))
        {
            // The stream frame includes the padding (RFC 8656 §12.5).
            _server.HandleChannelData(tuple, frame, stream: true);
        }
        else
        {
            _server.HandleStun(frame, tuple, connection);
        }
    }
}
