using System.Security.Cryptography;
using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>
/// How far behind the highest index a packet may arrive (RFC 3711 §3.3.2): far enough by default for a
/// browser's video, and as far as <see cref="SrtpContextOptions.ReplayWindowSize"/> says when set.
/// </summary>
public sealed class SrtpReplayWindowSizeTests
{
    private const uint Ssrc = 0x5EED0001;

    public static TheoryData<SrtpProfile> Profiles => new(SrtpProfiles.All);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Unprotect_DefaultWindow_TakesAPacketAThousandBehindOnce_AndRefusesOne1024Behind(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile, options: null);
        var late = Protect(sender, 4000);
        var tooLate = Protect(sender, 3976);
        var edge = Protect(sender, 3977);
        var highest = Protect(sender, 5000);
        var replay = (byte[])late.Buffer.Clone();

        Assert.Equal(SrtpError.None, Unprotect(receiver, highest));
        Assert.Equal(SrtpError.None, Unprotect(receiver, late));
        Assert.Equal(SrtpError.Replayed, Unprotect(receiver, (replay, late.Length)));
        Assert.Equal(SrtpError.TooOld, Unprotect(receiver, tooLate));
        Assert.Equal(SrtpError.None, Unprotect(receiver, edge));
    }

    [Theory]
    [InlineData(64, 63, 64)]
    [InlineData(128, 100, 200)]
    [InlineData(4096, 3000, 4096)]
    public void Unprotect_ConfiguredWindow_DecidesHowFarBehindAPacketMayArrive(int size, int within, int beyond)
    {
        var options = new SrtpContextOptions { ReplayWindowSize = size };
        var (sender, receiver) = Pair(SrtpProfile.AeadAes128Gcm, options);
        const ushort Highest = 20000;
        var late = Protect(sender, (ushort)(Highest - within));
        var tooLate = Protect(sender, (ushort)(Highest - beyond));
        var highest = Protect(sender, Highest);
        var replay = (byte[])late.Buffer.Clone();

        Assert.Equal(SrtpError.None, Unprotect(receiver, highest));
        Assert.Equal(SrtpError.TooOld, Unprotect(receiver, tooLate));
        Assert.Equal(SrtpError.None, Unprotect(receiver, late));
        Assert.Equal(SrtpError.Replayed, Unprotect(receiver, (replay, late.Length)));
    }

    [Theory]
    [InlineData(128, 100, 200)]
    [InlineData(2048, 1500, 2048)]
    public void UnprotectRtcp_ConfiguredWindow_AppliesToTheSrtcpIndexToo(int size, int within, int beyond)
    {
        var options = new SrtpContextOptions { ReplayWindowSize = size };
        var (sender, receiver) = Pair(SrtpProfile.AesCm128HmacSha1_80, options);
        const uint Highest = 10000;
        var late = ProtectRtcp(sender, Highest - (uint)within);
        var tooLate = ProtectRtcp(sender, Highest - (uint)beyond);
        var highest = ProtectRtcp(sender, Highest);
        var replay = (byte[])late.Buffer.Clone();

        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtcp(highest.Buffer, highest.Length, out _));
        Assert.Equal(SrtpError.TooOld, receiver.TryUnprotectRtcp(tooLate.Buffer, tooLate.Length, out _));
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtcp(late.Buffer, late.Length, out _));
        Assert.Equal(SrtpError.Replayed, receiver.TryUnprotectRtcp(replay, late.Length, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(100)]
    [InlineData(32768 + 64)]
    public void Options_WindowBelowTheRfcMinimumOrNotWholeWords_IsRefused(int size)
    {
        var profile = SrtpProfile.AeadAes128Gcm;
        var key = new byte[profile.MasterKeyLength()];
        var salt = new byte[profile.MasterSaltLength()];

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new SrtpContext(profile, key, salt, new SrtpContextOptions { ReplayWindowSize = size }));
        Assert.Equal(nameof(SrtpContextOptions.ReplayWindowSize), refused.ParamName);
    }

    private static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProfile profile, SrtpContextOptions? options)
    {
        var key = RandomNumberGenerator.GetBytes(profile.MasterKeyLength());
        var salt = RandomNumberGenerator.GetBytes(profile.MasterSaltLength());
        return (new SrtpContext(profile, key, salt, options), new SrtpContext(profile, key, salt, options));
    }

    private static (byte[] Buffer, int Length) Protect(SrtpContext sender, ushort seq)
    {
        var plain = TestPackets.Rtp(seq, Ssrc, 160);
        var buffer = TestPackets.WithSlack(plain);
        Assert.Equal(SrtpError.None, sender.TryProtectRtp(buffer, plain.Length, out var length));
        return (buffer, length);
    }

    private static (byte[] Buffer, int Length) ProtectRtcp(SrtpContext sender, uint index)
    {
        sender.SetNextRtcpIndex(Ssrc, index);
        var plain = TestPackets.Rtcp(Ssrc);
        var buffer = TestPackets.WithSlack(plain);
        Assert.Equal(SrtpError.None, sender.TryProtectRtcp(buffer, plain.Length, out var length));
        return (buffer, length);
    }

    private static SrtpError Unprotect(SrtpContext receiver, (byte[] Buffer, int Length) packet) =>
        receiver.TryUnprotectRtp(packet.Buffer, packet.Length, out _);
}
