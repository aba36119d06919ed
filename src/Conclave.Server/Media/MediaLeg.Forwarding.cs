using Conclave.Protocols.Dtls;
using Conclave.Protocols.Srtp;

namespace Conclave.Server.Media;

/// <summary>
/// The forwarding path. Each leg's receive loop runs on one thread: it unprotects into the leg's own
/// buffer with the leg's receive context, rewrites the payload type where the two devices' VP8 types
/// differ, and protects in place with the partner's send context before sending from the partner's
/// socket. Nothing is allocated per packet; locks only guard against a leg closing mid-packet.
/// </summary>
internal sealed partial class MediaLeg
{
    /// <summary>Largest datagram forwarded: an Ethernet MTU, as the devices' own media paths.</summary>
    private const int MaxDatagram = 1500;

    /// <summary>Room for the largest protection overhead on top (RFC 7714 §15: a 16-byte tag, plus the 4-byte SRTCP index).</summary>
    private const int BufferSize = MaxDatagram + 64;

    private readonly Lock _receiveLock = new();
    private readonly Lock _sendLock = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private SrtpContext? _receive;
    private SrtpContext? _send;
    private bool _up;
    private volatile MediaLeg? _partner;

    /// <summary>The other device's leg of the same call, once both offered.</summary>
    public MediaLeg? Partner
    {
        get => _partner;
        set => _partner = value;
    }

    private void SetContexts(SrtpProfile profile, DtlsSrtpKeys keys)
    {
        // RFC 5764 §4.2: as DTLS server we write with the server keys and read with the client's.
        var (localKey, localSalt) = keys.GetLocal(DtlsRole.Server);
        var (remoteKey, remoteSalt) = keys.GetRemote(DtlsRole.Server);
        var options = _options.ToSrtpContextOptions();
        lock (_sendLock)
        {
            _send = new SrtpContext(profile, localKey, localSalt, options);
        }

        lock (_receiveLock)
        {
            _receive = new SrtpContext(profile, remoteKey, remoteSalt, options);
        }

        Volatile.Write(ref _up, true);
    }

    private void ReleaseContexts()
    {
        Volatile.Write(ref _up, false);
        lock (_sendLock)
        {
            _send?.Dispose();
            _send = null;
        }

        lock (_receiveLock)
        {
            _receive?.Dispose();
            _receive = null;
        }
    }

    /// <summary>RFC 3711 §3.3 and §3.4 in, the same out on the partner: nothing is forwarded before both legs are up.</summary>
    private void Forward(ReadOnlySpan<byte> datagram, bool rtcp)
    {
        var partner = _partner;
        if (partner is null || !IsUp || !partner.IsUp || datagram.Length > MaxDatagram)
        {
            _metrics.Refused();
            return;
        }

        lock (_receiveLock)
        {
            if (_receive is null)
            {
                _metrics.Refused();
                return;
            }

            datagram.CopyTo(_buffer);
            int length;
            var error = rtcp
                ? _receive.TryUnprotectRtcp(_buffer, datagram.Length, out length)
                : _receive.TryUnprotectRtp(_buffer, datagram.Length, out length);
            if (error != SrtpError.None || (!rtcp && !RewritePayloadType(_buffer, partner)) || !partner.SendProtected(_buffer, length, rtcp))
            {
                _metrics.Refused();
            }
        }
    }

    /// <summary>
    /// RFC 3550 §5.1: the payload type is the low seven bits of the second byte, under the marker bit.
    /// PCMU (0) passes as is; VP8 takes the partner's payload type; anything the answers did not
    /// negotiate is refused.
    /// </summary>
    private bool RewritePayloadType(Span<byte> packet, MediaLeg partner)
    {
        var payloadType = packet[1] & 0x7F;
        if (payloadType == 0)
        {
            return HasAudio && partner.HasAudio;
        }

        if (Vp8PayloadType is byte ours && payloadType == ours && partner.Vp8PayloadType is byte theirs)
        {
            packet[1] = (byte)((packet[1] & 0x80) | theirs);
            return true;
        }

        return false;
    }

    /// <summary>Protects a packet with this leg's send context and sends it to this leg's device.</summary>
    private bool SendProtected(Span<byte> buffer, int length, bool rtcp)
    {
        lock (_sendLock)
        {
            if (_send is null || _network.Socket is not { } socket)
            {
                return false;
            }

            int sent;
            var error = rtcp ? _send.TryProtectRtcp(buffer, length, out sent) : _send.TryProtectRtp(buffer, length, out sent);
            if (error != SrtpError.None || !socket.Send(buffer[..sent]))
            {
                return false;
            }

            _metrics.Forwarded(sent);
            return true;
        }
    }
}
