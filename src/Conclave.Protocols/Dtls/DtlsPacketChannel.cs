using Org.BouncyCastle.Tls;

namespace Conclave.Protocols.Dtls;

/// <summary>
/// The datagram path DTLS runs over, without a socket of its own: ICE owns the socket and the
/// selected 5-tuple, demultiplexes STUN, DTLS and SRTP by first byte (RFC 7983 §7) and hands each
/// DTLS datagram to <see cref="Deliver"/>. Outgoing datagrams go to the send callback.
/// </summary>
/// <remarks>
/// Records the engine sends one by one are packed into as few datagrams as the send limit allows
/// (RFC 6347 §4.1.1 lets a datagram carry several records) and released when the engine next waits
/// for input, that is, once per flight. Besides saving packets, this makes a flight arrive whole or
/// not at all: the engine switches its read epoch on an early ChangeCipherSpec and would then ignore
/// the retransmission of a handshake message lost from the middle of the same flight.
/// </remarks>
public sealed class DtlsPacketChannel : DatagramTransport
{
    /// <summary>
    /// Largest datagram DTLS may send: 1200 bytes keeps every flight below the IPv6 minimum MTU
    /// with room for TURN framing, as WebRTC stacks do.
    /// </summary>
    public const int DefaultSendLimit = 1200;

    /// <summary>Largest datagram accepted from the peer: an Ethernet MTU.</summary>
    public const int DefaultReceiveLimit = 1500;

    /// <summary>Datagrams held for the handshake before further ones are dropped, as a full socket buffer would.</summary>
    public const int DefaultQueueCapacity = 64;

    private readonly Action<ReadOnlySpan<byte>> _send;
    private readonly Queue<byte[]> _queue = new();
    private readonly object _lock = new();
    private readonly int _capacity;
    private readonly int _sendLimit;
    private readonly int _receiveLimit;
    private readonly object _sendLock = new();
    private readonly byte[] _pending;
    private int _pendingLength;
    private bool _closed;
    private bool _canceled;

    /// <param name="send">Called with each outgoing DTLS datagram; must not keep the span after returning.</param>
    /// <param name="sendLimit">Largest outgoing datagram in bytes; default <see cref="DefaultSendLimit"/>.</param>
    /// <param name="receiveLimit">Largest incoming datagram in bytes; default <see cref="DefaultReceiveLimit"/>.</param>
    /// <param name="queueCapacity">Datagrams queued before <see cref="Deliver"/> drops; default <see cref="DefaultQueueCapacity"/>.</param>
    public DtlsPacketChannel(
        Action<ReadOnlySpan<byte>> send,
        int sendLimit = DefaultSendLimit,
        int receiveLimit = DefaultReceiveLimit,
        int queueCapacity = DefaultQueueCapacity)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentOutOfRangeException.ThrowIfLessThan(sendLimit, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(receiveLimit, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        _send = send;
        _sendLimit = sendLimit;
        _receiveLimit = receiveLimit;
        _capacity = queueCapacity;
        _pending = new byte[sendLimit];
    }

    /// <summary>Whether DTLS closed the channel (after close_notify or a fatal alert).</summary>
    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>Raised once when DTLS closes the channel.</summary>
    public event EventHandler? Closed;

    /// <summary>
    /// Hands one received DTLS datagram (first byte 20–63, RFC 7983 §7) to the handshake. Copies it.
    /// Returns false when it was dropped: channel closed, queue full or datagram too large.
    /// </summary>
    public bool Deliver(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty || datagram.Length > _receiveLimit)
        {
            return false;
        }

        lock (_lock)
        {
            if (_closed || _queue.Count >= _capacity)
            {
                return false;
            }

            _queue.Enqueue(datagram.ToArray());
            Monitor.Pulse(_lock);
            return true;
        }
    }

    public int GetReceiveLimit() => _receiveLimit;

    public int GetSendLimit() => _sendLimit;

    public int Receive(byte[] buf, int off, int len, int waitMillis) =>
        Receive(buf.AsSpan(off, len), waitMillis);

    /// <summary>
    /// Waits up to <paramref name="waitMillis"/> (0: no limit, as a socket timeout of 0 means) for a
    /// datagram. Returns its length, or -1 on timeout; throws <see cref="IOException"/> once closed.
    /// </summary>
    public int Receive(Span<byte> buffer, int waitMillis)
    {
        // The engine only waits once it has sent everything it can: the flight is complete.
        Flush();
        byte[] datagram;
        lock (_lock)
        {
            long deadline = waitMillis > 0 ? Environment.TickCount64 + waitMillis : long.MaxValue;
            while (_queue.Count == 0)
            {
                if (_canceled)
                {
                    throw new OperationCanceledException();
                }

                if (_closed)
                {
                    // Throwing rather than returning -1: the record layer retries a -1 until its own
                    // wait expires, which on a closed channel would spin.
                    throw new IOException("DTLS channel closed.");
                }

                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return -1;
                }

                Monitor.Wait(_lock, (int)Math.Min(remaining, int.MaxValue));
            }

            datagram = _queue.Dequeue();
        }

        // A datagram larger than the buffer is reported by its length; the record layer then discards it.
        datagram.AsSpan(0, Math.Min(datagram.Length, buffer.Length)).CopyTo(buffer);
        return datagram.Length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > _sendLimit)
        {
            throw new TlsFatalAlert(AlertDescription.internal_error, "datagram over the send limit");
        }

        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
        }

        lock (_sendLock)
        {
            if (_pendingLength + buffer.Length > _sendLimit)
            {
                FlushLocked();
            }

            buffer.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += buffer.Length;
        }
    }

    /// <summary>Sends the records held for the current datagram, if any.</summary>
    internal void Flush()
    {
        lock (_sendLock)
        {
            FlushLocked();
        }
    }

    /// <summary>Called by the DTLS record layer when the connection ends (after its last alert, which is sent first).</summary>
    public void Close()
    {
        Flush();
        bool raise;
        lock (_lock)
        {
            raise = !_closed;
            _closed = true;
            _queue.Clear();
            Monitor.PulseAll(_lock);
        }

        if (raise)
        {
            Closed?.Invoke(this, EventArgs.Empty);
        }
    }

    private void FlushLocked()
    {
        if (_pendingLength > 0)
        {
            int length = _pendingLength;
            _pendingLength = 0;
            _send(_pending.AsSpan(0, length));
        }
    }

    /// <summary>Makes a blocked <see cref="Receive(Span{byte}, int)"/> throw, to abandon a handshake.</summary>
    internal void Cancel()
    {
        lock (_lock)
        {
            _canceled = true;
            Monitor.PulseAll(_lock);
        }
    }
}
