using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Conclave.Client.Media;
using Conclave.Protocols.Net;
using Conclave.Protocols.Srtp;

namespace Conclave.Client.Tests.Media;

/// <summary>The RTP stream on the wire, read from its clear headers on the in-memory network.</summary>
public sealed class RtpStreamTests
{
    [Fact]
    public async Task Send_PcmuStream_HasOneSsrcConsecutiveSequenceAndTimestampStepsOf160()
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        var network = new VirtualNetwork(TimeProvider.System);
        VirtualHost hostA = network.AddHost(IPAddress.Parse("10.0.0.1"));
        VirtualHost hostB = network.AddHost(IPAddress.Parse("10.0.0.2"));
        var headers = new ConcurrentQueue<(byte First, byte Second, ushort Sequence, uint Timestamp, uint Ssrc, int Length, long At)>();
        network.Filter = (from, _, data) =>
        {
            ReadOnlySpan<byte> span = data.Span;
            if (from.Address.Equals(hostA.Address) && span.Length >= 12 && span[0] >> 6 == 2 && span[1] is < 192 or > 223)
            {
                headers.Enqueue((span[0], span[1], BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
                    BinaryPrimitives.ReadUInt32BigEndian(span[4..]), BinaryPrimitives.ReadUInt32BigEndian(span[8..]), span.Length, TimeProvider.System.GetTimestamp()));
            }

            return true;
        };
        await using var a = MediaEndpoint.Create(new MediaEndpointOptions { Network = hostA });
        await using var b = MediaEndpoint.Create(new MediaEndpointOptions { Network = hostB });
        await CallPair.NegotiateAsync(a, b, cts.Token);
        await CallPair.ConnectAsync(a, b, cts.Token);
        Assert.True(await CallPair.EventuallyAsync(() => headers.Count >= 20));

        var packets = headers.ToArray();
        Assert.All(packets, p =>
        {
            Assert.Equal(0x80, p.First);                 // V=2, no padding, extension or CSRC
            Assert.Equal(0, p.Second & 0x7F);            // PCMU
            Assert.Equal(a.LocalSsrc, p.Ssrc);
            Assert.Equal(12 + 160 + (int)a.SrtpProfile!.Value.RtpOverhead(), p.Length);
        });
        Assert.Equal(0x80, packets[0].Second & 0x80);    // marker on the first packet (RFC 3551 §4.1)
        Assert.All(packets.Skip(1), p => Assert.Equal(0, p.Second & 0x80));
        for (int i = 1; i < packets.Length; i++)
        {
            Assert.Equal((ushort)(packets[i - 1].Sequence + 1), packets[i].Sequence);
            Assert.Equal(packets[i - 1].Timestamp + 160, packets[i].Timestamp);
        }

        // Paced at one per 20 ms, not sent in bursts: 19 intervals take about 380 ms.
        TimeSpan span = TimeProvider.System.GetElapsedTime(packets[0].At, packets[19].At);
        Assert.True(span >= TimeSpan.FromMilliseconds(300), span.ToString());
    }
}
