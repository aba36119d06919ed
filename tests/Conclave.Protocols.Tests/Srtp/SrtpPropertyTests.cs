using Conclave.Protocols.Srtp;
using CsCheck;

namespace Conclave.Protocols.Tests.Srtp;

public sealed class SrtpPropertyTests
{
    private static readonly Gen<SrtpProfile> Profile = Gen.OneOf([.. SrtpProfiles.All]);

    [Fact]
    public void ProtectThenUnprotect_AnyRtpPacket_RoundTrips()
    {
        Gen.Select(Profile, Gen.UShort, Gen.UInt, Gen.Int[0, 1400], Gen.Int[0, 15], Gen.Bool).Sample(
            (profile, seq, ssrc, payload, csrcs, extension) =>
            {
                var (sender, receiver) = SrtpContextTests.Pair(profile);
                using (sender)
                using (receiver)
                {
                    var plain = TestPackets.Rtp(seq, ssrc, payload, csrcs, extension);
                    var buffer = TestPackets.WithSlack(plain);
                    return sender.TryProtectRtp(buffer, plain.Length, out var protectedLength) == SrtpError.None
                        && receiver.TryUnprotectRtp(buffer, protectedLength, out var length) == SrtpError.None
                        && buffer.AsSpan(0, length).SequenceEqual(plain);
                }
            },
            iter: 300);
    }

    [Fact]
    public void Unprotect_ArbitraryBytes_NeverThrows_AndNeverAuthenticates()
    {
        // The contexts are shared across samples and are single-threaded by contract: one sampling thread.
        var contexts = SrtpProfiles.All.Select(p => SrtpContextTests.Pair(p).Receiver).ToArray();
        Gen.Select(Gen.Int[0, 3], Gen.Byte.Array[0, 1500], Gen.Int[-2, 1502]).Sample(
            (which, bytes, length) =>
            {
                var context = contexts[which];
                var rtp = context.TryUnprotectRtp(bytes, length, out _);
                var rtcp = context.TryUnprotectRtcp(bytes, length, out _);
                return rtp != SrtpError.None && rtcp != SrtpError.None;
            },
            iter: 2000,
            threads: 1);
    }

    [Fact]
    public void ReplayWindow_AcceptsEachIndexOnce_AndRejectsIndicesBehindIt()
    {
        Gen.Select(Gen.Int[1, 20], Gen.ULong[0, 3000].Array[1, 300]).Sample(
            (blocks, indices) =>
            {
                var window = new ReplayWindow(64 * blocks);
                var seen = new HashSet<ulong>();
                ulong highest = 0;
                foreach (var index in indices)
                {
                    var result = window.Check(index);
                    var expected = seen.Count > 0 && highest >= index && highest - index >= (ulong)window.Size ? SrtpError.TooOld
                        : seen.Contains(index) ? SrtpError.Replayed
                        : SrtpError.None;
                    if (result != expected)
                    {
                        return false;
                    }

                    if (result == SrtpError.None)
                    {
                        window.Accept(index);
                        highest = seen.Count == 0 ? index : Math.Max(highest, index);
                        seen.Add(index);
                    }
                }

                return true;
            },
            iter: 500);
    }

    [Fact]
    public void EstimateIndex_ForAnyNeighbourWithinHalfTheSequenceSpace_FindsTheTrueIndex()
    {
        Gen.Select(Gen.ULong[1UL << 16, 1UL << 40], Gen.Int[-32767, 32767]).Sample(
            (highest, delta) =>
            {
                var truth = (ulong)((long)highest + delta);
                return SrtpIndex.Estimate(highest, (ushort)truth) == truth;
            },
            iter: 5000);
    }
}
