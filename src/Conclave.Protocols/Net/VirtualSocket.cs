using System.Net;
using System.Threading.Tasks.Sources;

namespace Conclave.Protocols.Net;

/// <summary>
/// A socket on the <see cref="VirtualNetwork"/>. A pending receive completes inline when the network
/// delivers, so that a test advancing a fake clock sees every reaction to that delivery before
/// <c>Advance</c> returns.
/// </summary>
internal sealed class VirtualSocket : IDatagramSocket, IValueTaskSource<DatagramReceived>
{
    private readonly VirtualNetwork _network;
    private readonly Queue<(byte[] Data, IPEndPoint From)> _queue = new();
    private readonly Lock _lock = new();
    private ManualResetValueTaskSourceCore<DatagramReceived> _core;
    private Memory<byte> _pendingBuffer;
    private bool _pending;
    private bool _disposed;
    private CancellationTokenRegistration _registration;

    public VirtualSocket(VirtualNetwork network, VirtualHost host, IPEndPoint localEndPoint)
    {
        _network = network;
        Host = host;
        LocalEndPoint = localEndPoint;
        _core.RunContinuationsAsynchronously = false;
    }

    public VirtualHost Host { get; }

    public IPEndPoint LocalEndPoint { get; }

    public ValueTask SendToAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _network.Send(this, datagram.Span, remoteEndPoint);
        return ValueTask.CompletedTask;
    }

    public ValueTask<DatagramReceived> ReceiveFromAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pending)
            {
                throw new InvalidOperationException("Only one receive may be pending.");
            }

            if (_queue.TryDequeue(out var item))
            {
                return ValueTask.FromResult(Copy(item, buffer));
            }

            cancellationToken.ThrowIfCancellationRequested();
            _core.Reset();
            _pending = true;
            _pendingBuffer = buffer;
            _registration = cancellationToken.Register(static s => ((VirtualSocket)s!).Fail(new OperationCanceledException()), this);
            return new ValueTask<DatagramReceived>(this, _core.Version);
        }
    }

    internal void Deliver(byte[] data, IPEndPoint from)
    {
        DatagramReceived result;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            if (!_pending)
            {
                // Bounded like a socket receive buffer: beyond it datagrams are dropped.
                if (_queue.Count < 1024)
                {
                    _queue.Enqueue((data, from));
                }

                return;
            }

            _pending = false;
            result = Copy((data, from), _pendingBuffer);
            _pendingBuffer = default;
        }

        _registration.Dispose();
        _core.SetResult(result);
    }

    private void Fail(Exception exception)
    {
        lock (_lock)
        {
            if (!_pending)
            {
                return;
            }

            _pending = false;
            _pendingBuffer = default;
        }

        _core.SetException(exception);
    }

    private static DatagramReceived Copy((byte[] Data, IPEndPoint From) item, Memory<byte> buffer)
    {
        var n = Math.Min(item.Data.Length, buffer.Length);
        item.Data.AsSpan(0, n).CopyTo(buffer.Span);
        return new DatagramReceived(n, item.From);
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            _disposed = true;
        }

        _network.Unbind(this);
        _registration.Dispose();
        bool wasPending;
        lock (_lock)
        {
            wasPending = _pending;
            _pending = false;
            _pendingBuffer = default;
        }

        if (wasPending)
        {
            _core.SetException(new ObjectDisposedException(nameof(VirtualSocket)));
        }

        return ValueTask.CompletedTask;
    }

    DatagramReceived IValueTaskSource<DatagramReceived>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<DatagramReceived>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<DatagramReceived>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
