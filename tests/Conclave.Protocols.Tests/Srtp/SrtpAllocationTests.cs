using Conclave.Protocols.Srtp;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>The per-packet path allocates nothing once an SSRC has been seen (STYLE: zero allocations).</summary>
public sealed class SrtpAllocationTests
{
    public static TheoryData<SrtpProfile> Profiles => new(SrtpProfiles.All);

    [Theory]
    [MemberData(nameof(Profiles))]
    public void ProtectAndUnprotect_AfterWarmUp_AllocateNothing(SrtpProfile profile)
    {
        var (sender, receiver) = SrtpContextTests.Pair(profile);
        var plainRtp = TestPackets.Rtp(0, 1234, 1200, csrcs: 1, extension: true);
        var plainRtcp = TestPackets.Rtcp(1234);
        var rtp = TestPackets.WithSlack(plainRtp);
        var rtcp = TestPackets.WithSlack(plainRtcp);
        ushort seq = 0;

        void RoundTrip()
        {
            plainRtp.CopyTo(rtp, 0);
            rtp[2] = (byte)(seq >> 8);
            rtp[3] = (byte)seq++;
            var ok = sender.TryProtectRtp(rtp, plainRtp.Length, out var length) == SrtpError.None
                && receiver.TryUnprotectRtp(rtp, length, out _) == SrtpError.None;
            plainRtcp.CopyTo(rtcp, 0);
            ok &= sender.TryProtectRtcp(rtcp, plainRtcp.Length, out length) == SrtpError.None
                && receiver.TryUnprotectRtcp(rtcp, length, out _) == SrtpError.None;
            Assert.True(ok);
        }

        for (var i = 0; i < 200; i++)
        {
            RoundTrip();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            RoundTrip();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
