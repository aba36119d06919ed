using Conclave.Client.Media;

namespace Conclave.Client.Tests.Media;

/// <summary>RFC 3550 Appendix A.1/A.3 (sequence numbers, loss) and A.8 (interarrival jitter).</summary>
public sealed class Rfc3550ReceptionStatisticsTests
{
    [Fact]
    public void Lost_GapInSequence_CountsMissingPackets_A3()
    {
        var stats = new RtpReceiveStatistics();
        foreach (ushort seq in new ushort[] { 100, 101, 103, 104, 107 })
        {
            stats.Update(seq, seq * 160u, seq * 160L);
        }

        // A.3: expected = extended max − base + 1 = 8; lost = 8 − 5.
        Assert.Equal(8, stats.Expected);
        Assert.Equal(3, stats.Lost);
        Assert.Equal(107u, stats.ExtendedHighestSequence);

        // A.3: fraction = (lost_interval << 8) / expected_interval = 768 / 8.
        Assert.Equal(96, stats.TakeFractionLost());
        Assert.Equal(0, stats.TakeFractionLost());
    }

    [Fact]
    public void ExtendedHighestSequence_AcrossWrap_AddsACycle_A1()
    {
        var stats = new RtpReceiveStatistics();
        foreach (ushort seq in new ushort[] { 65534, 65535, 0, 1 })
        {
            stats.Update(seq, 0, 0);
        }

        Assert.Equal(65536u + 1, stats.ExtendedHighestSequence);
        Assert.Equal(0, stats.Lost);
    }

    [Fact]
    public void Update_ReorderedAndDuplicatePackets_DoNotMoveHighestSequence()
    {
        var stats = new RtpReceiveStatistics();
        foreach (ushort seq in new ushort[] { 10, 12, 11, 12 })
        {
            stats.Update(seq, 0, 0);
        }

        Assert.Equal(12u, stats.ExtendedHighestSequence);
        Assert.Equal(4, stats.Received);

        // A.3: a duplicate makes the loss negative.
        Assert.Equal(-1, stats.Lost);
    }

    [Fact]
    public void Jitter_ConstantTransit_IsZero_A8()
    {
        var stats = new RtpReceiveStatistics();
        for (uint i = 0; i < 50; i++)
        {
            stats.Update((ushort)i, 1000 + (i * 160), 5000 + (i * 160));
        }

        Assert.Equal(0, stats.Jitter);
    }

    [Fact]
    public void Jitter_AlternatingDelay_FollowsTheA8Recursion()
    {
        var stats = new RtpReceiveStatistics();

        // Transit 0, 10, 0: |D| = 10 twice. J = 10/16, then J + (10 − J)/16.
        stats.Update(0, 0, 0);
        stats.Update(1, 160, 170);
        Assert.Equal(0.625, stats.Jitter, 12);
        stats.Update(2, 320, 320);
        Assert.Equal(0.625 + ((10 - 0.625) / 16), stats.Jitter, 12);
    }
}
