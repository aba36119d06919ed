using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Conclave.Client.Media;
using Conclave.Protocols.Rtp;
using Conclave.Protocols.Srtp;

namespace Conclave.Benchmarks.Media;

/// <summary>
/// The per-packet work of a PCMU call leg (20 ms of 8 kHz audio): the send side (tone, µ-law
/// encode, RTP header, SRTP protect) and the receive side (SRTP unprotect, RTP parse, µ-law decode),
/// and one tone check (Goertzel over the 500 ms detection window).
/// </summary>
[MemoryDiagnoser]
public class MediaPacketBenchmarks
{
    private readonly short[] _frame = new short[MediaConstants.SamplesPerPacket];
    private readonly byte[] _payload = new byte[MediaConstants.SamplesPerPacket];
    private readonly byte[] _packet = new byte[256];
    private readonly byte[] _received = new byte[256];
    private readonly short[] _decoded = new short[MediaConstants.SamplesPerPacket];
    private readonly short[] _window = new short[4000];
    private ToneSource _tone = null!;
    private SrtpContext _sender = null!;
    private SrtpContext _receiver = null!;
    private ushort _sequence;
    private uint _timestamp;

    [Params(SrtpProfile.AeadAes256Gcm, SrtpProfile.AesCm128HmacSha1_80)]
    public SrtpProfile Profile { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] key = RandomNumberGenerator.GetBytes(Profile.MasterKeyLength());
        byte[] salt = RandomNumberGenerator.GetBytes(Profile.MasterSaltLength());
        _sender = new SrtpContext(Profile, key, salt);
        _receiver = new SrtpContext(Profile, key, salt);
        _tone = new ToneSource(1000);
        _tone.Read(_window);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    /// <summary>Send then receive one 20 ms packet.</summary>
    [Benchmark]
    public int SendAndReceivePacket()
    {
        _tone.Read(_frame);
        MuLaw.Encode(_frame, _payload);
        var header = new RtpHeader(false, MediaConstants.PcmuPayloadType, _sequence++, _timestamp += 160, 0x1234);
        RtpPacketWriter.TryWrite(_packet, header, [], 0, [], _payload, 0, out int written, out _);
        _sender.TryProtectRtp(_packet, written, out int length);

        _packet.AsSpan(0, length).CopyTo(_received);
        _receiver.TryUnprotectRtp(_received, length, out int plain);
        RtpPacket.TryParse(_received.AsSpan(0, plain), out RtpPacket rtp, out _);
        MuLaw.Decode(rtp.Payload, _decoded);
        return _decoded[0];
    }

    /// <summary>One <c>ToneDetected</c> check: Goertzel power ratio over 4000 samples.</summary>
    [Benchmark]
    public double GoertzelWindow() => Goertzel.PowerRatio(_window, 1000, MediaConstants.SampleRate);
}
