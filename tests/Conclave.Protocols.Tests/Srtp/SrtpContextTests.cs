using System.Security.Cryptography;
using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Tests.Srtp;

public sealed class SrtpContextTests
{
    public static TheoryData<SrtpProfile> Profiles => new(SrtpProfiles.All);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtp_ProtectThenUnprotect_GivesTheOriginalPacket(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var plain = TestPackets.Rtp(1, 0x11223344, 160, csrcs: 2, extension: true);
        var buffer = TestPackets.WithSlack(plain);

        Assert.Equal(SrtpError.None, sender.TryProtectRtp(buffer, plain.Length, out var protectedLength));
        Assert.Equal(plain.Length + profile.RtpOverhead(), protectedLength);
        Assert.NotEqual(plain[^20..], buffer[(plain.Length - 20)..plain.Length]);
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(buffer, protectedLength, out var length));
        Assert.Equal(plain, buffer[..length]);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Rtcp_ProtectThenUnprotect_GivesTheOriginalPacket(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var plain = TestPackets.Rtcp(0x55667788);
        var buffer = TestPackets.WithSlack(plain);

        Assert.Equal(SrtpError.None, sender.TryProtectRtcp(buffer, plain.Length, out var protectedLength));
        Assert.Equal(plain.Length + profile.RtcpOverhead(), protectedLength);
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtcp(buffer, protectedLength, out var length));
        Assert.Equal(plain, buffer[..length]);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Unprotect_ReplayedPacket_IsRejected(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var (packet, length) = Protect(sender, 10);
        var copy = (byte[])packet.Clone();

        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(packet, length, out _));
        Assert.Equal(SrtpError.Replayed, receiver.TryUnprotectRtp(copy, length, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Unprotect_PacketBehindTheWindow_IsTooOld(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var (old, oldLength) = Protect(sender, 100);
        var (fresh, freshLength) = Protect(sender, 100 + SrtpContextOptions.DefaultReplayWindowSize);
        var (edge, edgeLength) = Protect(sender, 101);

        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(fresh, freshLength, out _));
        Assert.Equal(SrtpError.TooOld, receiver.TryUnprotectRtp(old, oldLength, out _));
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(edge, edgeLength, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Unprotect_OutOfOrderWithinWindow_IsAccepted(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var packets = Enumerable.Range(0, 40).Select(i => Protect(sender, (ushort)(500 + i))).ToArray();

        foreach (var i in Enumerable.Range(0, 40).Reverse())
        {
            Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(packets[i].Buffer, packets[i].Length, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Unprotect_EveryFlippedBit_IsRejectedWithATypedError(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var (packet, length) = Protect(sender, 3, payload: 24);
        for (var bit = 0; bit < length * 8; bit++)
        {
            var copy = (byte[])packet.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            var error = receiver.TryUnprotectRtp(copy, length, out _);
            Assert.NotEqual(SrtpError.None, error);
            Assert.True(Enum.IsDefined(error));
        }

        // The forgeries moved no state: the genuine packet still goes through.
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(packet, length, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtcp_FlippedBits_AreRejected_AndReplayIsCaught(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var plain = TestPackets.Rtcp(77);
        var buffer = TestPackets.WithSlack(plain);
        Assert.Equal(SrtpError.None, sender.TryProtectRtcp(buffer, plain.Length, out var length));
        for (var bit = 0; bit < length * 8; bit += 3)
        {
            var copy = (byte[])buffer.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(SrtpError.None, receiver.TryUnprotectRtcp(copy, length, out _));
        }

        var replay = (byte[])buffer.Clone();
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtcp(buffer, length, out _));
        Assert.Equal(SrtpError.Replayed, receiver.TryUnprotectRtcp(replay, length, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Unprotect_TruncatedPackets_AreRejected(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var (packet, length) = Protect(sender, 9, payload: 0);
        for (var cut = 0; cut < length; cut++)
        {
            var copy = (byte[])packet.Clone();
            var error = receiver.TryUnprotectRtp(copy, cut, out _);
            Assert.NotEqual(SrtpError.None, error);
            Assert.NotEqual(SrtpError.None, receiver.TryUnprotectRtcp(copy, cut, out _));
        }
    }

    [Fact]
    public void Unprotect_CsrcCountBeyondThePacket_IsTruncated()
    {
        var (_, receiver) = Pair(SrtpProfile.AesCm128HmacSha1_80);
        var packet = TestPackets.Rtp(1, 1, 0);
        packet[0] |= 0x0F;
        var buffer = TestPackets.WithSlack(packet);

        Assert.Equal(SrtpError.Truncated, receiver.TryUnprotectRtp(buffer, packet.Length + 10, out _));
    }

    [Fact]
    public void Unprotect_ExtensionLengthNear0xFFFF_IsTruncated()
    {
        var (_, receiver) = Pair(SrtpProfile.AeadAes128Gcm);
        var packet = TestPackets.Rtp(1, 1, 40, extension: true);
        packet[14] = 0xFF;
        packet[15] = 0xFF;

        Assert.Equal(SrtpError.Truncated, receiver.TryUnprotectRtp(packet, packet.Length, out _));
    }

    [Fact]
    public void Unprotect_NotVersion2_IsMalformed()
    {
        var (sender, receiver) = Pair(SrtpProfile.AesCm128HmacSha1_80);
        var (packet, length) = Protect(sender, 1);
        packet[0] &= 0x3F;

        Assert.Equal(SrtpError.MalformedHeader, receiver.TryUnprotectRtp(packet, length, out _));
        Assert.Equal(SrtpError.MalformedHeader, receiver.TryUnprotectRtcp(packet, length, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Protect_WithoutRoomForTheTag_IsBufferTooSmall(SrtpProfile profile)
    {
        var (sender, _) = Pair(profile);
        var rtp = TestPackets.Rtp(1, 1, 50);
        var rtcp = TestPackets.Rtcp(1);

        Assert.Equal(SrtpError.BufferTooSmall, sender.TryProtectRtp(rtp, rtp.Length, out _));
        Assert.Equal(SrtpError.BufferTooSmall, sender.TryProtectRtcp(rtcp, rtcp.Length, out _));
        Assert.Equal(SrtpError.BufferTooSmall, sender.TryProtectRtp(rtp, rtp.Length + 1, out _));
        Assert.Equal(SrtpError.BufferTooSmall, sender.TryUnprotectRtp(rtp, -1, out _));
    }

    [Fact]
    public void Protect_OversizedPacket_IsRejected()
    {
        var (sender, receiver) = Pair(SrtpProfile.AeadAes256Gcm);
        var huge = TestPackets.WithSlack(TestPackets.Rtp(1, 1, 70_000));

        Assert.Equal(SrtpError.PacketTooLarge, sender.TryProtectRtp(huge, huge.Length - TestPackets.Slack, out _));
        Assert.Equal(SrtpError.PacketTooLarge, receiver.TryUnprotectRtp(huge, huge.Length, out _));
        Assert.Equal(SrtpError.PacketTooLarge, receiver.TryUnprotectRtcp(huge, huge.Length, out _));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Unprotect_AcrossRocWrap_LatePacketFromBeforeTheWrapStillDecrypts(SrtpProfile profile)
    {
        var (sender, receiver) = Pair(profile);
        var before = Protect(sender, 65534);
        var last = Protect(sender, 65535);
        var after = Protect(sender, 0);
        var next = Protect(sender, 1);

        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(before.Buffer, before.Length, out _));
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(after.Buffer, after.Length, out _));
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(next.Buffer, next.Length, out _));
        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(last.Buffer, last.Length, out var length));
        Assert.Equal(12 + 160, length);
    }

    [Fact]
    public void Unprotect_PacketWithWrongRoc_FailsAuthentication()
    {
        // A receiver that joins after the sender wrapped assumes ROC 0 (RFC 3711 §3.3.1); the tag,
        // which covers the ROC, then fails instead of decrypting to garbage.
        var (sender, receiver) = Pair(SrtpProfile.AesCm128HmacSha1_80);
        Protect(sender, 65535);
        var wrapped = Protect(sender, 5);

        Assert.Equal(SrtpError.AuthenticationFailed, receiver.TryUnprotectRtp(wrapped.Buffer, wrapped.Length, out _));
    }

    [Fact]
    public void Unprotect_MoreSsrcsThanTheLimit_IsRejected()
    {
        var options = new SrtpContextOptions { MaxSsrcs = 2 };
        var key = RandomNumberGenerator.GetBytes(16);
        var salt = RandomNumberGenerator.GetBytes(14);
        using var sender = new SrtpContext(SrtpProfile.AesCm128HmacSha1_80, key, salt);
        using var receiver = new SrtpContext(SrtpProfile.AesCm128HmacSha1_80, key, salt, options);

        for (uint ssrc = 1; ssrc <= 3; ssrc++)
        {
            var plain = TestPackets.Rtp(1, ssrc, 20);
            var buffer = TestPackets.WithSlack(plain);
            Assert.Equal(SrtpError.None, sender.TryProtectRtp(buffer, plain.Length, out var length));
            Assert.Equal(ssrc <= 2 ? SrtpError.None : SrtpError.TooManySsrcs, receiver.TryUnprotectRtp(buffer, length, out _));
        }
    }

    [Fact]
    public void ProtectRtcp_AfterTheLastSrtcpIndex_IsKeyExhausted()
    {
        var (sender, _) = Pair(SrtpProfile.AeadAes128Gcm);
        sender.SetNextRtcpIndex(9, 0x7FFF_FFFF);
        var plain = TestPackets.Rtcp(9);

        Assert.Equal(SrtpError.None, sender.TryProtectRtcp(TestPackets.WithSlack(plain), plain.Length, out _));
        Assert.Equal(SrtpError.KeyExhausted, sender.TryProtectRtcp(TestPackets.WithSlack(plain), plain.Length, out _));
    }

    [Theory]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80, 16, 14)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_32, 16, 14)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 16, 12)]
    [InlineData(SrtpProfile.AeadAes256Gcm, 32, 12)]
    public void Constructor_WrongKeyOrSaltLength_Throws(SrtpProfile profile, int keyLength, int saltLength)
    {
        Assert.Equal(keyLength, profile.MasterKeyLength());
        Assert.Equal(saltLength, profile.MasterSaltLength());
        Assert.Throws<ArgumentException>(() => new SrtpContext(profile, new byte[keyLength + 1], new byte[saltLength]));
        Assert.Throws<ArgumentException>(() => new SrtpContext(profile, new byte[keyLength], new byte[saltLength - 1]));
    }

    [Theory]
    [InlineData(0x0001, SrtpProfile.AesCm128HmacSha1_80)]
    [InlineData(0x0002, SrtpProfile.AesCm128HmacSha1_32)]
    [InlineData(0x0007, SrtpProfile.AeadAes128Gcm)]
    [InlineData(0x0008, SrtpProfile.AeadAes256Gcm)]
    public void TryFromId_KnownProtectionProfile_MapsToTheProfile(ushort id, SrtpProfile expected)
    {
        Assert.True(SrtpProfiles.TryFromId(id, out var profile));
        Assert.Equal(expected, profile);
    }

    [Fact]
    public void TryFromId_NullCipherProfile_IsNotSupported() => Assert.False(SrtpProfiles.TryFromId(0x0005, out _));

    internal static (SrtpContext Sender, SrtpContext Receiver) Pair(SrtpProfile profile, SrtpContextOptions? options = null)
    {
        var key = RandomNumberGenerator.GetBytes(profile.MasterKeyLength());
        var salt = RandomNumberGenerator.GetBytes(profile.MasterSaltLength());
        return (new SrtpContext(profile, key, salt, options), new SrtpContext(profile, key, salt, options));
    }

    private static (byte[] Buffer, int Length) Protect(SrtpContext sender, ushort seq, int payload = 160)
    {
        var plain = TestPackets.Rtp(seq, 0xCAFEF00D, payload);
        var buffer = TestPackets.WithSlack(plain);
        Assert.Equal(SrtpError.None, sender.TryProtectRtp(buffer, plain.Length, out var length));
        return (buffer, length);
    }
}
