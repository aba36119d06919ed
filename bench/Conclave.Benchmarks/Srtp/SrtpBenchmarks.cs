using System.Buffers.Binary;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Conclave.Interop.Libsrtp;
using Conclave.Protocols.Srtp;

namespace Conclave.Benchmarks.Srtp;

/// <summary>
/// One operation = copy a plain RTP packet into the buffer, protect it, unprotect it: the same work
/// bench/native/srtp_bench.c times for libsrtp2. libsrtp2 is also timed here through P/Invoke (the
/// baseline), so both run under the same priority and load.
/// </summary>
[MemoryDiagnoser]
public class SrtpBenchmarks
{
    private SrtpContext _sender = null!;
    private SrtpContext _receiver = null!;
    private byte[] _plain = null!;
    private byte[] _buffer = null!;
    private ushort _seq;
    private ushort _libSeq;
    private LibSrtpSession _libSender = null!;
    private LibSrtpSession _libReceiver = null!;
    private byte[] _libBuffer = null!;

    [Params(SrtpProfile.AeadAes256Gcm, SrtpProfile.AeadAes128Gcm, SrtpProfile.AesCm128HmacSha1_80, SrtpProfile.AesCm128HmacSha1_32)]
    public SrtpProfile Profile { get; set; }

    [Params(160, 1200)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var key = RandomNumberGenerator.GetBytes(Profile.MasterKeyLength());
        var salt = RandomNumberGenerator.GetBytes(Profile.MasterSaltLength());
        _sender = new SrtpContext(Profile, key, salt);
        _receiver = new SrtpContext(Profile, key, salt);
        _plain = new byte[12 + PayloadSize];
        _plain[0] = 0x80;
        _plain[1] = 111;
        BinaryPrimitives.WriteUInt32BigEndian(_plain.AsSpan(8), 0x12345678);
        RandomNumberGenerator.Fill(_plain.AsSpan(12));
        _buffer = new byte[_plain.Length + 64];
        _libBuffer = GC.AllocateArray<byte>(_plain.Length + 64, pinned: true);
        // The replay window SrtpContext keeps by default (1024 packets, as libwebrtc gives libsrtp).
        _libSender = new LibSrtpSession(Profile, key, salt, outbound: true, replayWindow: SrtpContextOptions.DefaultReplayWindowSize);
        _libReceiver = new LibSrtpSession(Profile, key, salt, outbound: false, replayWindow: SrtpContextOptions.DefaultReplayWindowSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
        _libSender.Dispose();
        _libReceiver.Dispose();
    }

    [Benchmark(Baseline = true, Description = "libsrtp2 protect+unprotect")]
    public int LibSrtpProtectUnprotect()
    {
        _plain.CopyTo(_libBuffer, 0);
        BinaryPrimitives.WriteUInt16BigEndian(_libBuffer.AsSpan(2), _libSeq++);
        var length = _plain.Length;
        if (_libSender.Protect(_libBuffer, ref length) != 0 || _libReceiver.Unprotect(_libBuffer, ref length) != 0)
        {
            throw new InvalidOperationException("libsrtp2 failed");
        }

        return length;
    }

    [Benchmark(Description = "protect+unprotect")]
    public int ProtectUnprotect()
    {
        _plain.CopyTo(_buffer, 0);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), _seq++);
        _sender.TryProtectRtp(_buffer, _plain.Length, out var length);
        _receiver.TryUnprotectRtp(_buffer, length, out length);
        return length;
    }
}
