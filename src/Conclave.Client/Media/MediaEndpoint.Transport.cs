using Conclave.Protocols.Demux;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Rtp;
using Conclave.Protocols.Srtp;

namespace Conclave.Client.Media;

public sealed partial class MediaEndpoint
{
    /// <summary>Largest datagram handled on the media path: an Ethernet MTU.</summary>
    private const int MaxDatagram = 1500;

    /// <summary>SRTP and SRTCP packets kept while our side of the DTLS handshake finishes: 100 ms of audio plus reports.</summary>
    private const int MaxEarlyPackets = 8;

    private readonly Lock _receiveLock = new();
    private readonly byte[] _receiveBuffer = new byte[MaxDatagram];
    private readonly short[] _decoded = new short[MaxDatagram];
    private readonly short[] _ring;
    private readonly RtpReceiveStatistics _receiveStatistics = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<byte[]> _early = [];
    private SrtpContext? _receiveContext;
    private DtlsSrtpSession? _session;
    private int _ringPosition;
    private int _ringFilled;
    private uint? _remoteSsrc;
    private uint? _nextTimestamp;
    private long _bytesReceived;
    private long _rejected;
    private long _rtcpReceived;
    private uint _lastSenderReport;
    private long _lastSenderReportAt = -1;
    private int _closed;

    /// <summary>
    /// Waits for a valid ICE pair (the first one, RFC 8445 §12.1, or the selected one), runs DTLS-SRTP in
    /// the negotiated role with the peer's fingerprint from its SDP, then starts sending audio and RTCP.
    /// </summary>
    /// <exception cref="MediaCallException">ICE failed, the fingerprint did not match, DTLS failed or the timeout passed.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_agent is null || _remote is null || _dtlsRole is not DtlsRole role || _session is not null)
        {
            throw new MediaCallException(MediaCallError.WrongState);
        }

        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _selected.Task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MediaCallException(MediaCallError.Timeout);
        }

        DtlsSrtpResult result = await DtlsSrtpEndpoint
            .HandshakeAsync(role, _certificate, _remote.Fingerprint, _channel!, _options.Dtls, linked.Token)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw result.Error switch
            {
                DtlsSrtpError.FingerprintMismatch => new MediaCallException(MediaCallError.FingerprintMismatch, result.Error),
                DtlsSrtpError.Canceled or DtlsSrtpError.Timeout => new MediaCallException(MediaCallError.Timeout, result.Error),
                _ => new MediaCallException(MediaCallError.DtlsFailed, result.Error),
            };
        }

        DtlsSrtpSession session = result.Session!;
        if (!SrtpProfiles.TryFromId(session.Keys.ProtectionProfile, out SrtpProfile profile))
        {
            await session.CloseAsync().ConfigureAwait(false);
            throw new MediaCallException(MediaCallError.UnsupportedSrtpProfile);
        }

        (byte[] localKey, byte[] localSalt) = session.Keys.GetLocal(role);
        (byte[] remoteKey, byte[] remoteSalt) = session.Keys.GetRemote(role);
        SrtpContextOptions srtp = new() { ReplayWindowSize = _options.SrtpReplayWindowSize };
        lock (_sendLock)
        {
            _sendContext = new SrtpContext(profile, localKey, localSalt, srtp);
        }

        List<byte[]> early;
        lock (_receiveLock)
        {
            _receiveContext = new SrtpContext(profile, remoteKey, remoteSalt, srtp);
            early = [.. _early];
            _early.Clear();
        }

        // The side that finishes the handshake first sends at once; what it sent before our last flight
        // was read is processed now rather than lost (RFC 5764 §4.1: SRTP may follow the handshake immediately).
        foreach (byte[] packet in early)
        {
            OnDatagram(packet);
        }

        session.Keys.Dispose();
        _session = session;
        SrtpProfile = profile;
        RemoteFingerprint = session.RemoteFingerprint;
        SecurityCode = ComputeSecurityCode(_certificate.Fingerprint, session.RemoteFingerprint);
        _ = session.Completion.ContinueWith(
            _ =>
            {
                if (Volatile.Read(ref _closed) == 0)
                {
                    RemoteClosed?.Invoke();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _sendLoop = Task.Run(() => SendLoopAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>A snapshot of the RTP counters.</summary>
    public MediaStatistics GetStatistics()
    {
        lock (_receiveLock)
        {
            lock (_sendLock)
            {
                return new MediaStatistics(
                    _packetsSent,
                    _bytesSent,
                    _receiveStatistics.Received,
                    _bytesReceived,
                    _receiveStatistics.Lost,
                    _receiveStatistics.ExtendedHighestSequence,
                    _receiveStatistics.Jitter,
                    _rejected,
                    _rtcpSent,
                    _rtcpReceived);
            }
        }
    }

    /// <summary>
    /// Ends the call in order: stops media, sends an RTCP BYE, DTLS close_notify (RFC 5246 §7.2.1),
    /// then releases the ICE sockets and TURN allocations.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_sendLoop is not null)
        {
            await _sendLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_session is not null)
        {
            await SendByeAsync(cancellationToken).ConfigureAwait(false);
            await _session.CloseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _channel?.Close();
        if (_agent is not null)
        {
            await _agent.DisposeAsync().ConfigureAwait(false);
        }

        lock (_sendLock)
        {
            _sendContext?.Dispose();
        }

        lock (_receiveLock)
        {
            _receiveContext?.Dispose();
        }

        _certificate.Dispose();
        _stop.Dispose();
    }

    public async ValueTask DisposeAsync() => await CloseAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>Non-STUN datagrams of the selected pair (ICE consumed STUN), split per RFC 7983 §7.</summary>
    private void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        switch (PacketClassifier.Classify(datagram))
        {
            case PacketKind.Dtls:
                _channel?.Deliver(datagram);
                break;
            case PacketKind.Rtp:
                ReceiveRtp(datagram);
                break;
            case PacketKind.Rtcp:
                ReceiveRtcp(datagram);
                break;
        }
    }

    private void SendDtls(ReadOnlySpan<byte> datagram)
    {
        IceAgent? agent = _agent;
        if (agent is null)
        {
            return;
        }

        // Called on the DTLS thread, which blocks anyway; the UDP or TURN send completes at once.
        byte[] copy = datagram.ToArray();
        try
        {
            _ = agent.SendAsync(copy, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (ObjectDisposedException)
        {
            // The call is closing; DTLS retransmission or close handles the loss.
        }
    }

    private void ReceiveRtp(ReadOnlySpan<byte> datagram)
    {
        lock (_receiveLock)
        {
            if (_receiveContext is null || datagram.Length > _receiveBuffer.Length)
            {
                KeepEarly(datagram);
                return;
            }

            datagram.CopyTo(_receiveBuffer);
            if (_receiveContext.TryUnprotectRtp(_receiveBuffer, datagram.Length, out int length) != SrtpError.None ||
                !RtpPacket.TryParse(_receiveBuffer.AsSpan(0, length), out RtpPacket rtp, out _))
            {
                _rejected++;
                return;
            }

            if (rtp.PayloadType != MediaConstants.PcmuPayloadType)
            {
                // Comfort noise or DTMF events are not audio samples (RFC 3551 §4.5); counted as rejected here.
                _rejected++;
                return;
            }

            _remoteSsrc ??= rtp.Ssrc;
            long arrival = _time.GetTimestamp() * MediaConstants.SampleRate / _time.TimestampFrequency;
            _receiveStatistics.Update(rtp.SequenceNumber, rtp.Timestamp, arrival);
            ReadOnlySpan<byte> payload = rtp.Payload;
            _bytesReceived += payload.Length;
            Span<short> samples = _decoded.AsSpan(0, payload.Length);
            MuLaw.Decode(payload, samples);
            PlayOut(rtp.Timestamp, samples);
        }
    }

    /// <summary>Holds a packet that came before the SRTP keys (under <see cref="_receiveLock"/>); bounded, the rest is dropped.</summary>
    private void KeepEarly(ReadOnlySpan<byte> datagram)
    {
        if (_receiveContext is null && datagram.Length <= MaxDatagram && _early.Count < MaxEarlyPackets)
        {
            _early.Add(datagram.ToArray());
        }
    }

    /// <summary>
    /// Appends decoded audio to the detection buffer at its RTP timestamp: a gap from lost packets
    /// becomes silence of the same length (RFC 3550 §5.1: the timestamp counts samples), so the
    /// tone keeps its phase; late or repeated packets are skipped.
    /// </summary>
    private void PlayOut(uint timestamp, ReadOnlySpan<short> samples)
    {
        if (_nextTimestamp is uint next)
        {
            int gap = (int)(timestamp - next);
            if (gap < 0)
            {
                return;
            }

            for (int i = 0; i < Math.Min(gap, _ring.Length); i++)
            {
                Store(0);
            }
        }

        foreach (short sample in samples)
        {
            Store(sample);
        }

        _nextTimestamp = timestamp + (uint)samples.Length;
    }

    private void Store(short sample)
    {
        _ring[_ringPosition] = sample;
        _ringPosition = (_ringPosition + 1) % _ring.Length;
        _ringFilled = Math.Min(_ring.Length, _ringFilled + 1);
    }

    private void ReceiveRtcp(ReadOnlySpan<byte> datagram)
    {
        lock (_receiveLock)
        {
            if (_receiveContext is null || datagram.Length > _receiveBuffer.Length)
            {
                KeepEarly(datagram);
                return;
            }

            datagram.CopyTo(_receiveBuffer);
            if (_receiveContext.TryUnprotectRtcp(_receiveBuffer, datagram.Length, out int length) != SrtpError.None)
            {
                _rejected++;
                return;
            }

            _rtcpReceived++;
            if (RtcpReports.TryReadSenderReport(_receiveBuffer.AsSpan(0, length), out ulong ntp))
            {
                // RFC 3550 §6.4.1: LSR is the middle 32 bits of the SR's NTP timestamp.
                _lastSenderReport = (uint)(ntp >> 16);
                _lastSenderReportAt = _time.GetTimestamp();
            }
        }
    }
}
