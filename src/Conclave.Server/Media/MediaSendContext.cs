using Conclave.Protocols.Srtp;

namespace Conclave.Server.Media;

/// <summary>
/// What forwarding to one receiver needs: the receiver's SRTP send context (RFC 3711 §3.3 and §3.4),
/// the payload types its answer negotiated (for the rewrite of each packet), and its socket and device
/// address. One per leg, created with the leg and keyed once DTLS-SRTP is up; a router forwards through
/// it from any thread. The lock only guards against the leg closing mid-packet.
/// </summary>
internal sealed class MediaSendContext(MediaLegNetwork network, MediaProcessorMetrics metrics, byte? vp8PayloadType, bool hasAudio)
{
    private readonly Lock _lock = new();
    private SrtpContext? _srtp;

    /// <summary>The receiver's VP8 payload type, when it offered video the processor serves.</summary>
    public byte? Vp8PayloadType => vp8PayloadType;

    /// <summary>Whether the receiver takes PCMU audio.</summary>
    public bool HasAudio => hasAudio;

    /// <summary>Installs the SRTP context media to this receiver is protected with (the leg's keys as DTLS server).</summary>
    public void Key(SrtpContext srtp)
    {
        lock (_lock)
        {
            _srtp = srtp;
        }
    }

    /// <summary>Drops and disposes the SRTP context; later packets are refused.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _srtp?.Dispose();
            _srtp = null;
        }
    }

    /// <summary>
    /// Rewrites an RTP packet's payload type for this receiver, protects it in place and sends it to the
    /// receiver's device. False when the packet carries nothing this receiver negotiated, the context is
    /// not keyed, or the send failed.
    /// </summary>
    public bool TryForward(Span<byte> packet, int length, bool rtcp, MediaLeg source)
    {
        if (!rtcp && !RewritePayloadType(packet, source.SendContext))
        {
            return false;
        }

        lock (_lock)
        {
            if (_srtp is null || network.Socket is not { } socket)
            {
                return false;
            }

            int sent;
            var error = rtcp ? _srtp.TryProtectRtcp(packet, length, out sent) : _srtp.TryProtectRtp(packet, length, out sent);
            if (error != SrtpError.None || !socket.Send(packet[..sent]))
            {
                return false;
            }

            metrics.Forwarded(sent);
            return true;
        }
    }

    /// <summary>
    /// RFC 3550 §5.1: the payload type is the low seven bits of the second byte, under the marker bit.
    /// PCMU (0) passes as is; VP8 takes this receiver's payload type; anything the answers did not
    /// negotiate is refused.
    /// </summary>
    private bool RewritePayloadType(Span<byte> packet, MediaSendContext from)
    {
        var payloadType = packet[1] & 0x7F;
        if (payloadType == 0)
        {
            return from.HasAudio && HasAudio;
        }

        if (from.Vp8PayloadType is byte theirs && payloadType == theirs && Vp8PayloadType is byte ours)
        {
            packet[1] = (byte)((packet[1] & 0x80) | ours);
            return true;
        }

        return false;
    }
}
