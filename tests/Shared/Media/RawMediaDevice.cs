using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Demux;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Sdp;
using Conclave.Protocols.Srtp;
using Conclave.Protocols.Stun;
using Conclave.Server.Media;

namespace Conclave.Testing.Media;

/// <summary>
/// A device built from the protocol pieces alone, so a test controls every packet: it offers audio
/// (PCMU) and video (VP8 at a chosen payload type), nominates the leg's candidate with one ICE check
/// (RFC 8445 §7.2.5), runs DTLS-SRTP as client, then sends and receives SRTP synchronously on the
/// test's thread. Shared by the media tests and the forwarding benchmark (compiled into both); a broken
/// step throws <see cref="InvalidOperationException"/>, which fails a test as an assertion would.
/// </summary>
internal sealed class RawMediaDevice : IAsyncDisposable
{
    private const string Ufrag = "rawd";
    private const string Password = "rawdevicepassword0123456789";

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly DtlsCertificate _certificate = DtlsCertificate.Generate();
    private readonly DtlsPacketChannel _channel;
    private readonly byte[] _buffer = new byte[2048];
    private readonly SocketAddress _source = new(AddressFamily.InterNetwork);
    private SocketAddress? _leg;
    private DtlsSrtpSession? _session;
    private SrtpContext? _send;
    private SrtpContext? _receive;
    private ushort _sequence;

    private RawMediaDevice(MediaLegKey key, byte vp8PayloadType)
    {
        Key = key;
        Vp8PayloadType = vp8PayloadType;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = 5000;
        _channel = new DtlsPacketChannel(datagram => _socket.SendTo(datagram, SocketFlags.None, _leg!));
    }

    public MediaLegKey Key { get; }

    public byte Vp8PayloadType { get; }

    public uint Ssrc { get; } = (uint)Random.Shared.Next();

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public IPEndPoint? Leg { get; private set; }

    /// <summary>Where the leg's answer to the device's ICE check came from.</summary>
    public IPEndPoint? CheckAnswerSource { get; private set; }

    /// <summary>Where the last packet <see cref="Receive"/> returned came from.</summary>
    public IPEndPoint LastSource => (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(_source);

    public static RawMediaDevice Create(Guid callId, string name, byte vp8PayloadType) =>
        new(new MediaLegKey(callId, "raw-" + name, "raw-device-" + name, "raw-user-" + name, name + "@conclave.test"), vp8PayloadType);

    /// <summary>
    /// Offers to the processor, then connects to the leg it answered with. Without <paramref name="nominate"/>
    /// the check carries no USE-CANDIDATE, and DTLS starts on the merely valid pair (RFC 8445 §12.1).
    /// A lost DTLS flight is retransmitted only after 10 s, so a leg that dropped one shows as a timeout.
    /// </summary>
    public async Task ConnectAsync(MediaProcessor processor, bool nominate = true)
    {
        string? answer = null;
        var refusal = await processor.OpenLegAsync(Key, Offer(), a =>
        {
            answer = a;
            return Task.CompletedTask;
        }, CancellationToken.None);
        Require(refusal is null, $"the processor refused the offer: {refusal}");
        Require(SessionDescription.TryParse(answer, out var parsed, out _), "the answer is not SDP");
        var media = parsed!.Media[0];
        Require(IceCandidate.TryParse(media.Candidates[0], out var candidate), "the answer's candidate does not parse");
        Leg = candidate.Address;
        _leg = candidate.Address.Serialize();

        using var stop = new CancellationTokenSource();
        var checkAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = Task.Run(() => ReceiveDuringSetUp(checkAnswered, stop.Token), CancellationToken.None);
        Check(media.IceUfrag!, media.IcePwd!, nominate);
        await checkAnswered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var dtls = new DtlsSrtpOptions { InitialRetransmitTimeout = TimeSpan.FromSeconds(10), HandshakeTimeout = TimeSpan.FromSeconds(20) };
        var result = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, _certificate, parsed.FingerprintOf(media)!, _channel, dtls).WaitAsync(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await loop;
        Require(result.Succeeded, $"DTLS-SRTP failed: {result}");
        _session = result.Session!;
        Require(SrtpProfiles.TryFromId(_session.Keys.ProtectionProfile, out var profile), "unknown SRTP profile");
        var (localKey, localSalt) = _session.Keys.GetLocal(DtlsRole.Client);
        var (remoteKey, remoteSalt) = _session.Keys.GetRemote(DtlsRole.Client);
        _send = new SrtpContext(profile, localKey, localSalt);
        _receive = new SrtpContext(profile, remoteKey, remoteSalt);
        _session.Keys.Dispose();

        // The device needs no more DTLS: closing its channel stops the session's reader, whose 50 ms polls
        // would otherwise run beside an allocation measurement.
        _channel.Close();
    }

    /// <summary>Sends one SRTP packet of <paramref name="payloadType"/> with a 160-byte payload.</summary>
    public void SendRtp(byte payloadType)
    {
        var length = ProtectNextRtp(payloadType);
        _socket.SendTo(_buffer.AsSpan(0, length), SocketFlags.None, _leg!);
    }

    /// <summary>Protects the next RTP packet but keeps it, to send late (<see cref="SendRaw"/>) as a reordering path would.</summary>
    public byte[] HoldRtp(byte payloadType) => _buffer.AsSpan(0, ProtectNextRtp(payloadType)).ToArray();

    /// <summary>Leaves out the next <paramref name="count"/> sequence numbers, as if they were sent and lost.</summary>
    public void SkipRtp(int count) => _sequence = (ushort)(_sequence + count);

    private int ProtectNextRtp(byte payloadType)
    {
        var packet = _buffer.AsSpan();
        packet[0] = 0x80;
        packet[1] = payloadType;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], _sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], (uint)_sequence * 160);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], Ssrc);
        packet.Slice(12, 160).Fill(payloadType);
        _sequence++;
        var error = _send!.TryProtectRtp(packet, 172, out var length);
        Require(error == SrtpError.None, "RTP protect failed");
        return length;
    }

    /// <summary>Sends one SRTCP receiver report (RFC 3550 §6.4.2) with no report block.</summary>
    public void SendRtcp()
    {
        var packet = _buffer.AsSpan();
        packet[0] = 0x80;
        packet[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], Ssrc);
        var error = _send!.TryProtectRtcp(packet, 8, out var length);
        Require(error == SrtpError.None, "RTCP protect failed");
        _socket.SendTo(packet[..length], SocketFlags.None, _leg!);
    }

    /// <summary>Sends raw bytes from this device's own address (as a device gone wrong, or a spoofer on its path, would).</summary>
    public void SendRaw(ReadOnlySpan<byte> datagram) => _socket.SendTo(datagram, SocketFlags.None, _leg!);

    /// <summary>Waits (up to the socket's 5 s timeout) for the next packet and unprotects it: (kind, payload type or RTCP type, SSRC).</summary>
    public (PacketKind Kind, byte Type, uint Ssrc) Receive()
    {
        while (true)
        {
            var length = _socket.ReceiveFrom(_buffer, SocketFlags.None, _source);
            var kind = PacketClassifier.Classify(_buffer.AsSpan(0, length));
            if (kind == PacketKind.Rtp)
            {
                Require(_receive!.TryUnprotectRtp(_buffer, length, out _) == SrtpError.None, "a forwarded RTP packet does not unprotect");
                return (kind, (byte)(_buffer[1] & 0x7F), BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(8)));
            }

            if (kind == PacketKind.Rtcp)
            {
                Require(_receive!.TryUnprotectRtcp(_buffer, length, out _) == SrtpError.None, "a forwarded RTCP packet does not unprotect");
                return (kind, _buffer[1], BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(4)));
            }
        }
    }

    /// <summary>Whether any datagram arrives within <paramref name="milliseconds"/>.</summary>
    public bool ReceivesAnythingWithin(int milliseconds)
    {
        _socket.ReceiveTimeout = milliseconds;
        try
        {
            _ = _socket.Receive(_buffer);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            return false;
        }
        finally
        {
            _socket.ReceiveTimeout = 5000;
        }
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Close();
        if (_session is not null)
        {
            await _session.CloseAsync().WaitAsync(TimeSpan.FromSeconds(2));
        }

        _send?.Dispose();
        _receive?.Dispose();
        _certificate.Dispose();
        _socket.Dispose();
    }

    /// <summary>The offer a raw device makes (PCMU and VP8 at <paramref name="vp8PayloadType"/>), for a certificate with <paramref name="fingerprint"/>.</summary>
    public static string OfferFor(DtlsFingerprint fingerprint, byte vp8PayloadType)
    {
        var vp8 = vp8PayloadType.ToString(CultureInfo.InvariantCulture);
        var common = $"a=ice-ufrag:{Ufrag}\r\na=ice-pwd:{Password}\r\na=fingerprint:{fingerprint.ToSdpValue()}\r\na=setup:actpass\r\n";
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\n" + common
            + "a=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n"
            + $"m=video 9 UDP/TLS/RTP/SAVPF {vp8}\r\nc=IN IP4 0.0.0.0\r\n" + common
            + $"a=mid:1\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:{vp8} VP8/90000\r\na=rtcp-fb:{vp8} nack pli\r\n";
    }

    private string Offer() => OfferFor(_certificate.Fingerprint, Vp8PayloadType);

    /// <summary>RFC 8445 §7.2.5 / §8.1.1: a check as controlling agent, nominating this pair with USE-CANDIDATE if asked.</summary>
    private void Check(string remoteUfrag, string remotePassword, bool nominate)
    {
        var check = new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
            .AddString(StunAttributeType.Username, remoteUfrag + ":" + Ufrag)
            .AddUInt32(StunAttributeType.Priority, 0x6E001EFF)
            .AddUInt64(StunAttributeType.IceControlling, (ulong)Random.Shared.NextInt64());
        if (nominate)
        {
            check.AddFlag(StunAttributeType.UseCandidate);
        }

        _socket.SendTo(check.AddMessageIntegrity(StunCredentials.ShortTermKey(remotePassword)).AddFingerprint().ToArray(), SocketFlags.None, _leg!);
    }

    /// <summary>
    /// Blocking receives (with a short timeout to notice the end of set-up): one async operation would
    /// switch the socket to non-blocking mode, and the later synchronous receives would allocate.
    /// </summary>
    private void ReceiveDuringSetUp(TaskCompletionSource checkAnswered, CancellationToken cancellationToken)
    {
        var buffer = new byte[2048];
        var source = new SocketAddress(AddressFamily.InterNetwork);
        _socket.ReceiveTimeout = 50;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = _socket.ReceiveFrom(buffer, SocketFlags.None, source);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
                {
                    continue;
                }

                var datagram = buffer.AsSpan(0, length);
                if (StunMessage.IsStun(datagram))
                {
                    CheckAnswerSource = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(source);
                    checkAnswered.TrySetResult();
                }
                else if (PacketClassifier.Classify(datagram) == PacketKind.Dtls)
                {
                    _channel.Deliver(datagram);
                }
            }
        }
        finally
        {
            _socket.ReceiveTimeout = 5000;
        }
    }
}
