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

namespace Conclave.Benchmarks.Media;

/// <summary>
/// A device of <see cref="MediaForwardingBenchmarks"/> built from the protocol pieces: it offers PCMU and
/// VP8, nominates the leg's candidate with one ICE check (RFC 8445 §7.2.5), runs DTLS-SRTP as client, then
/// sends and receives SRTP with blocking calls on the benchmark's thread, allocating nothing per packet.
/// </summary>
internal sealed class BenchMediaDevice : IAsyncDisposable
{
    private const string Ufrag = "bench";
    private const string Password = "benchdevicepassword0123456789";

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly DtlsCertificate _certificate = DtlsCertificate.Generate();
    private readonly DtlsPacketChannel _channel;
    private readonly byte[] _buffer = new byte[2048];
    private readonly SocketAddress _source = new(AddressFamily.InterNetwork);
    private readonly MediaLegKey _key;
    private readonly byte _vp8PayloadType;
    private readonly uint _ssrc = (uint)Random.Shared.Next();
    private SocketAddress? _leg;
    private DtlsSrtpSession? _session;
    private SrtpContext? _send;
    private SrtpContext? _receive;
    private ushort _sequence;

    public BenchMediaDevice(Guid callId, string name, byte vp8PayloadType)
    {
        _key = new MediaLegKey(callId, "bench-" + name, "bench-device-" + name, "bench-user-" + name, name + "@conclave.test");
        _vp8PayloadType = vp8PayloadType;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.ReceiveTimeout = 5000;
        _channel = new DtlsPacketChannel(datagram => _socket.SendTo(datagram, SocketFlags.None, _leg!));
    }

    /// <summary>Offers to the processor, checks the answered candidate, and completes DTLS-SRTP with the leg.</summary>
    public async Task ConnectAsync(MediaProcessor processor)
    {
        string? answer = null;
        var refusal = await processor.OpenLegAsync(_key, Offer(), a =>
        {
            answer = a;
            return Task.CompletedTask;
        }, CancellationToken.None);
        if (refusal is not null || !SessionDescription.TryParse(answer, out var parsed, out _))
        {
            throw new InvalidOperationException("The processor refused the offer: " + refusal);
        }

        var media = parsed!.Media[0];
        if (!IceCandidate.TryParse(media.Candidates[0], out var candidate))
        {
            throw new InvalidOperationException("The answer has no candidate.");
        }

        _leg = candidate.Address.Serialize();
        using var stop = new CancellationTokenSource();
        var checkAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = Task.Run(() => ReceiveDuringSetUp(checkAnswered, stop.Token), CancellationToken.None);
        Check(media.IceUfrag!, media.IcePwd!);
        await checkAnswered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var dtls = new DtlsSrtpOptions { InitialRetransmitTimeout = TimeSpan.FromSeconds(10), HandshakeTimeout = TimeSpan.FromSeconds(20) };
        var result = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, _certificate, parsed.FingerprintOf(media)!, _channel, dtls).WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await loop;
        if (!result.Succeeded || !SrtpProfiles.TryFromId(result.Session!.Keys.ProtectionProfile, out var profile))
        {
            throw new InvalidOperationException("DTLS-SRTP with the leg failed: " + result);
        }

        _session = result.Session;
        var (localKey, localSalt) = _session.Keys.GetLocal(DtlsRole.Client);
        var (remoteKey, remoteSalt) = _session.Keys.GetRemote(DtlsRole.Client);
        _send = new SrtpContext(profile, localKey, localSalt);
        _receive = new SrtpContext(profile, remoteKey, remoteSalt);
        _session.Keys.Dispose();
        _channel.Close();
    }

    /// <summary>Sends one SRTP packet of <paramref name="payloadType"/> with a 160-byte payload (20 ms of PCMU).</summary>
    public void SendRtp(byte payloadType)
    {
        var packet = _buffer.AsSpan();
        packet[0] = 0x80;
        packet[1] = payloadType;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], _sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], (uint)_sequence * 160);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], _ssrc);
        packet.Slice(12, 160).Fill(payloadType);
        _sequence++;
        _send!.TryProtectRtp(packet, 172, out var length);
        _socket.SendTo(packet[..length], SocketFlags.None, _leg!);
    }

    /// <summary>Waits for the next SRTP packet and returns its payload type once unprotected.</summary>
    public int ReceiveRtp()
    {
        while (true)
        {
            var length = _socket.ReceiveFrom(_buffer, SocketFlags.None, _source);
            if (PacketClassifier.Classify(_buffer.AsSpan(0, length)) == PacketKind.Rtp
                && _receive!.TryUnprotectRtp(_buffer, length, out _) == SrtpError.None)
            {
                return _buffer[1] & 0x7F;
            }
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

    private string Offer()
    {
        var vp8 = _vp8PayloadType.ToString(CultureInfo.InvariantCulture);
        var common = $"a=ice-ufrag:{Ufrag}\r\na=ice-pwd:{Password}\r\na=fingerprint:{_certificate.Fingerprint.ToSdpValue()}\r\na=setup:actpass\r\n";
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\n" + common
            + "a=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:0 PCMU/8000\r\n"
            + $"m=video 9 UDP/TLS/RTP/SAVPF {vp8}\r\nc=IN IP4 0.0.0.0\r\n" + common
            + $"a=mid:1\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:{vp8} VP8/90000\r\n";
    }

    /// <summary>RFC 8445 §7.2.5: a check as controlling agent, nominating the pair with USE-CANDIDATE.</summary>
    private void Check(string remoteUfrag, string remotePassword)
    {
        var check = new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
            .AddString(StunAttributeType.Username, remoteUfrag + ":" + Ufrag)
            .AddUInt32(StunAttributeType.Priority, 0x6E001EFF)
            .AddUInt64(StunAttributeType.IceControlling, (ulong)Random.Shared.NextInt64())
            .AddFlag(StunAttributeType.UseCandidate);
        _socket.SendTo(check.AddMessageIntegrity(StunCredentials.ShortTermKey(remotePassword)).AddFingerprint().ToArray(), SocketFlags.None, _leg!);
    }

    /// <summary>Blocking receives with a short timeout: an async receive would switch the socket to non-blocking mode for good.</summary>
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
