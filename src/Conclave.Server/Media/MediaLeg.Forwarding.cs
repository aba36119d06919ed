using Conclave.Protocols.Dtls;
using Conclave.Protocols.Srtp;

namespace Conclave.Server.Media;

/// <summary>
/// The forwarding path. A leg's datagrams arrive on the UDP worker that reads its socket: the leg
/// unprotects into its own buffer with its receive context and hands the packet to the call's router,
/// which forwards it through each receiver's <see cref="MediaSendContext"/> (payload-type rewrite,
/// protect in place, send from the receiver's socket). Nothing is allocated per packet; locks only
/// guard against a leg closing mid-packet.
/// </summary>
internal sealed partial class MediaLeg
{
    /// <summary>Largest datagram forwarded: an Ethernet MTU, as the devices' own media paths.</summary>
    private const int MaxDatagram = 1500;

    /// <summary>Room for the largest protection overhead on top (RFC 7714 §15: a 16-byte tag, plus the 4-byte SRTCP index).</summary>
    private const int BufferSize = MaxDatagram + 64;

    private readonly Lock _receiveLock = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private SrtpContext? _receive;
    private bool _up;
    private volatile IMediaRouter? _router;

    /// <summary>Where this leg's media goes: the call's router once the call has legs to route between; null before and after.</summary>
    public IMediaRouter? Router
    {
        get => _router;
        set => _router = value;
    }

    private void SetContexts(SrtpProfile profile, DtlsSrtpKeys keys)
    {
        // RFC 5764 §4.2: as DTLS server we write with the server keys and read with the client's.
        var (localKey, localSalt) = keys.GetLocal(DtlsRole.Server);
        var (remoteKey, remoteSalt) = keys.GetRemote(DtlsRole.Server);
        var options = _options.ToSrtpContextOptions();
        SendContext.Key(new SrtpContext(profile, localKey, localSalt, options));
        lock (_receiveLock)
        {
            _receive = new SrtpContext(profile, remoteKey, remoteSalt, options);
        }

        Volatile.Write(ref _up, true);
    }

    private void ReleaseContexts()
    {
        Volatile.Write(ref _up, false);
        SendContext.Release();
        lock (_receiveLock)
        {
            _receive?.Dispose();
            _receive = null;
        }
    }

    /// <summary>RFC 3711 §3.3 and §3.4 in, the same out on each receiver: nothing is forwarded before the source and a receiver are up.</summary>
    private void Forward(ReadOnlySpan<byte> datagram, bool rtcp)
    {
        var router = _router;
        if (router is null || !IsUp || datagram.Length > MaxDatagram || !router.HasReceivers(this))
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
            if (error != SrtpError.None || !router.Route(this, _buffer, length, rtcp))
            {
                _metrics.Refused();
            }
        }
    }
}
