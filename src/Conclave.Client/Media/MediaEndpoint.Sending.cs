using Conclave.Protocols.Ice;
using Conclave.Protocols.Rtcp;
using Conclave.Protocols.Rtp;
using Conclave.Protocols.Srtp;

namespace Conclave.Client.Media;

public sealed partial class MediaEndpoint
{
    /// <summary>Room for a PCMU packet or a compound RTCP packet plus the largest SRTP/SRTCP trailer.</summary>
    private const int SendBufferSize = 512;

    private readonly Lock _sendLock = new();
    private readonly IAudioSource _source;
    private readonly uint _timestampBase;
    private readonly short[] _frame = new short[MediaConstants.SamplesPerPacket];
    private readonly byte[] _payload = new byte[MediaConstants.SamplesPerPacket];
    private SrtpContext? _sendContext;
    private Task? _sendLoop;
    private ushort _sequence;
    private uint _framesSent;
    private long _packetsSent;
    private long _bytesSent;
    private long _rtcpSent;

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var packet = new byte[SendBufferSize];
        var rtcp = new byte[SendBufferSize];
        long nextRtcp = _time.GetTimestamp();
        using var timer = new PeriodicTimer(MediaConstants.PacketTime, _time);
        try
        {
            do
            {
                int length = BuildAudioPacket(packet);
                if (length > 0)
                {
                    await SendAsync(packet.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                }

                // RFC 3550 §6.2: reports at a fixed interval are enough for a two-party call.
                long now = _time.GetTimestamp();
                if (now >= nextRtcp)
                {
                    nextRtcp = now + (long)(_options.RtcpInterval.TotalSeconds * _time.TimestampFrequency);
                    length = BuildReport(rtcp, bye: false);
                    if (length > 0)
                    {
                        await SendAsync(rtcp.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        IceAgent? agent = _agent;
        if (agent is not null)
        {
            try
            {
                _ = await agent.SendAsync(datagram, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // Closing.
            }
        }
    }

    /// <summary>Reads one 20 ms frame, encodes PCMU, writes the RTP packet and protects it; returns the length.</summary>
    private int BuildAudioPacket(byte[] packet)
    {
        lock (_sendLock)
        {
            if (_sendContext is null)
            {
                return 0;
            }

            _source.Read(_frame);
            MuLaw.Encode(_frame, _payload);

            // RFC 3550 §5.1: the timestamp advances by the samples in each packet (160 at 8 kHz, 20 ms);
            // RFC 3551 §4.1: the marker is set on the first packet of a talkspurt.
            uint timestamp = _timestampBase + (_framesSent * MediaConstants.SamplesPerPacket);
            var header = new RtpHeader(_framesSent == 0, MediaConstants.PcmuPayloadType, _sequence, timestamp, LocalSsrc);
            if (!RtpPacketWriter.TryWrite(packet, header, [], 0, [], _payload, 0, out int written, out _) ||
                _sendContext.TryProtectRtp(packet, written, out int length) != SrtpError.None)
            {
                return 0;
            }

            _sequence++;
            _framesSent++;
            _packetsSent++;
            _bytesSent += MediaConstants.SamplesPerPacket;
            return length;
        }
    }

    /// <summary>An SR (we send media) with a report block about the peer's stream when it has sent any; with a BYE on close (RFC 3550 §6.6).</summary>
    private int BuildReport(byte[] buffer, bool bye)
    {
        ReportBlock? block = null;
        lock (_receiveLock)
        {
            if (_remoteSsrc is uint remoteSsrc)
            {
                uint delay = 0;
                if (_lastSenderReportAt >= 0)
                {
                    // RFC 3550 §6.4.1: DLSR in units of 1/65536 s.
                    delay = (uint)(_time.GetElapsedTime(_lastSenderReportAt).TotalSeconds * 65536);
                }

                block = new ReportBlock(
                    remoteSsrc,
                    _receiveStatistics.TakeFractionLost(),
                    (int)Math.Clamp(_receiveStatistics.Lost, ReportBlock.MinCumulativeLost, ReportBlock.MaxCumulativeLost),
                    _receiveStatistics.ExtendedHighestSequence,
                    (uint)_receiveStatistics.Jitter,
                    _lastSenderReport,
                    delay);
            }
        }

        lock (_sendLock)
        {
            if (_sendContext is null)
            {
                return 0;
            }

            uint rtpNow = _timestampBase + (_framesSent * MediaConstants.SamplesPerPacket);
            var info = new SenderInfo(RtcpReports.ToNtp(_time.GetUtcNow()), rtpNow, (uint)_packetsSent, (uint)_bytesSent);
            int length = RtcpReports.Write(buffer, LocalSsrc, info, block, CName, bye);
            if (length == 0 || _sendContext.TryProtectRtcp(buffer, length, out int protectedLength) != SrtpError.None)
            {
                return 0;
            }

            _rtcpSent++;
            return protectedLength;
        }
    }

    /// <summary>RFC 3550 §6.1, §6.6: a BYE goes in a compound packet after a report.</summary>
    private async Task SendByeAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[SendBufferSize];
        int length = BuildReport(buffer, bye: true);
        if (length > 0)
        {
            await SendAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
    }
}
