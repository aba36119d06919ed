using System.Buffers.Binary;
using System.Security.Cryptography;
using Conclave.Interop.Libsrtp;
using Conclave.Protocols.Srtp;
using Conclave.Protocols.Tests.Srtp;

namespace Conclave.Protocols.Tests.Interop.Libsrtp;

/// <summary>
/// Conclave against libsrtp2 (Debian libsrtp2-1), the implementation browsers embed: for random keys
/// and packets of every profile, both produce the same bytes, and each unprotects what the other protected.
/// </summary>
public sealed class LibsrtpCrossCheckTests
{
    public static TheoryData<SrtpProfile> Profiles => new(SrtpProfiles.All);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ProtectRtp_AcrossRocWrap_MatchesLibsrtpByteForByte_AndEachUnprotectsTheOther(SrtpProfile profile)
    {
        var (key, salt) = RandomKeys(profile);
        using var libSender = new LibSrtpSession(profile, key, salt, outbound: true);
        using var libReceiver = new LibSrtpSession(profile, key, salt, outbound: false);
        using var sender = new SrtpContext(profile, key, salt);
        using var receiver = new SrtpContext(profile, key, salt);
        var ssrc = (uint)Random.Shared.Next();

        // 65,500 → 65,535 → 0 → 99: the ROC goes from 0 to 1 in the middle.
        for (var i = 0; i < 136; i++)
        {
            var seq = (ushort)(65500 + i);
            var plain = TestPackets.Rtp(seq, ssrc, Random.Shared.Next(0, 1201), csrcs: i % 3, extension: i % 2 == 0);

            var theirs = TestPackets.WithSlack(plain);
            var theirLength = plain.Length;
            Assert.Equal(0, libSender.Protect(theirs, ref theirLength));

            var ours = TestPackets.WithSlack(plain);
            Assert.Equal(SrtpError.None, sender.TryProtectRtp(ours, plain.Length, out var ourLength));
            Assert.Equal(theirs[..theirLength], ours[..ourLength]);

            Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(theirs, theirLength, out var plainLength));
            Assert.Equal(plain, theirs[..plainLength]);

            var libLength = ourLength;
            Assert.Equal(0, libReceiver.Unprotect(ours, ref libLength));
            Assert.Equal(plain, ours[..libLength]);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ProtectRtcp_MatchesLibsrtpByteForByte_AndEachUnprotectsTheOther(SrtpProfile profile)
    {
        var (key, salt) = RandomKeys(profile);
        using var libSender = new LibSrtpSession(profile, key, salt, outbound: true);
        using var libReceiver = new LibSrtpSession(profile, key, salt, outbound: false);
        using var sender = new SrtpContext(profile, key, salt);
        using var receiver = new SrtpContext(profile, key, salt);
        var ssrc = (uint)Random.Shared.Next();

        for (var i = 0; i < 40; i++)
        {
            var plain = TestPackets.Rtcp(ssrc);
            var theirs = TestPackets.WithSlack(plain);
            var theirLength = plain.Length;
            Assert.Equal(0, libSender.ProtectRtcp(theirs, ref theirLength));

            if (i == 0)
            {
                // libsrtp numbers its first SRTCP packet 1, RFC 3711 §3.4 says 0: start from libsrtp's.
                var indexOffset = profile.IsAead() ? theirLength - 4 : plain.Length;
                sender.SetNextRtcpIndex(ssrc, BinaryPrimitives.ReadUInt32BigEndian(theirs.AsSpan(indexOffset)) & 0x7FFF_FFFF);
            }

            var ours = TestPackets.WithSlack(plain);
            Assert.Equal(SrtpError.None, sender.TryProtectRtcp(ours, plain.Length, out var ourLength));
            Assert.Equal(theirs[..theirLength], ours[..ourLength]);

            Assert.Equal(SrtpError.None, receiver.TryUnprotectRtcp(theirs, theirLength, out var plainLength));
            Assert.Equal(plain, theirs[..plainLength]);

            var libLength = ourLength;
            Assert.Equal(0, libReceiver.UnprotectRtcp(ours, ref libLength));
            Assert.Equal(plain, ours[..libLength]);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_LibsrtpPacketsReorderedAroundRocWrap_AllDecrypt(SrtpProfile profile)
    {
        var (key, salt) = RandomKeys(profile);
        using var libSender = new LibSrtpSession(profile, key, salt, outbound: true);
        using var receiver = new SrtpContext(profile, key, salt, new SrtpContextOptions { ReplayWindowSize = 128 });
        const uint Ssrc = 0x0BADCAFE;
        var packets = new List<(byte[] Plain, byte[] Protected, int Length)>();
        for (var i = 0; i < 80; i++)
        {
            var plain = TestPackets.Rtp((ushort)(65496 + i), Ssrc, 160);
            var buffer = TestPackets.WithSlack(plain);
            var length = plain.Length;
            Assert.Equal(0, libSender.Protect(buffer, ref length));
            packets.Add((plain, buffer, length));
        }

        // Swap neighbours so packets from before the wrap arrive after ones from after it.
        for (var i = 0; i + 1 < packets.Count; i += 2)
        {
            (packets[i], packets[i + 1]) = (packets[i + 1], packets[i]);
        }

        foreach (var (plain, buffer, length) in packets)
        {
            Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(buffer, length, out var plainLength));
            Assert.Equal(plain, buffer[..plainLength]);
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void UnprotectRtp_LibsrtpPacketReplayed_IsRejected(SrtpProfile profile)
    {
        var (key, salt) = RandomKeys(profile);
        using var libSender = new LibSrtpSession(profile, key, salt, outbound: true);
        using var receiver = new SrtpContext(profile, key, salt);
        var plain = TestPackets.Rtp(7, 42, 100);
        var buffer = TestPackets.WithSlack(plain);
        var length = plain.Length;
        Assert.Equal(0, libSender.Protect(buffer, ref length));
        var copy = (byte[])buffer.Clone();

        Assert.Equal(SrtpError.None, receiver.TryUnprotectRtp(buffer, length, out _));
        Assert.Equal(SrtpError.Replayed, receiver.TryUnprotectRtp(copy, length, out _));
    }

    private static (byte[] Key, byte[] Salt) RandomKeys(SrtpProfile profile) =>
        (RandomNumberGenerator.GetBytes(profile.MasterKeyLength()), RandomNumberGenerator.GetBytes(profile.MasterSaltLength()));
}
