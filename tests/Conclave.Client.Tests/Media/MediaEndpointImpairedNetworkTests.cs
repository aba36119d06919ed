using System.Net;
using System.Runtime.InteropServices;
using Conclave.Client.Media;
using Conclave.Protocols.Net;

namespace Conclave.Client.Tests.Media;

/// <summary>
/// A call over the in-memory network, whose filter drops and corrupts chosen RTP packets (their
/// headers are in clear under SRTP), so the receiver's counters can be checked exactly.
/// </summary>
public sealed class MediaEndpointImpairedNetworkTests
{
    [Fact]
    public async Task Call_DroppedAndCorruptedRtp_CountedAsLostAndRejected()
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        var network = new VirtualNetwork(TimeProvider.System);
        VirtualHost hostA = network.AddHost(IPAddress.Parse("10.0.0.1"));
        VirtualHost hostB = network.AddHost(IPAddress.Parse("10.0.0.2"));
        await using var sender = MediaEndpoint.Create(new MediaEndpointOptions { Network = hostA, ToneFrequency = 440 });
        await using var receiver = MediaEndpoint.Create(new MediaEndpointOptions { Network = hostB, ToneFrequency = 1000 });

        // After the receiver is connected: of the next 60 RTP packets from A, drop 6 and corrupt 4.
        var impair = new Impairment(hostA.Address);
        network.Filter = impair.Filter;

        await CallPair.NegotiateAsync(sender, receiver, cts.Token);
        await CallPair.ConnectAsync(sender, receiver, cts.Token);
        impair.Start();

        Assert.True(await CallPair.EventuallyAsync(() => impair.Done));

        // Ten intact packets (200 ms) later, every impaired packet is behind the highest sequence.
        long receivedAtEnd = receiver.GetStatistics().PacketsReceived;
        Assert.True(await CallPair.EventuallyAsync(() => receiver.GetStatistics().PacketsReceived >= receivedAtEnd + 10));

        MediaStatistics stats = receiver.GetStatistics();
        Assert.Equal(6, impair.Dropped);
        Assert.Equal(4, impair.Corrupted);
        Assert.Equal(impair.Dropped + impair.Corrupted, stats.PacketsLost);
        Assert.Equal(impair.Corrupted, stats.PacketsRejected);
        Assert.True(receiver.ToneDetected(440));
    }

    private sealed class Impairment(IPAddress sender)
    {
        private const int Window = 60;
        private readonly Lock _lock = new();
        private volatile bool _started;
        private int _seen;

        public int Dropped { get; private set; }

        public int Corrupted { get; private set; }

        public bool Done { get; private set; }

        public void Start() => _started = true;

        public bool Filter(IPEndPoint from, IPEndPoint to, ReadOnlyMemory<byte> data)
        {
            ReadOnlySpan<byte> span = data.Span;
            bool rtp = from.Address.Equals(sender) && span.Length > 12 && span[0] >> 6 == 2 && span[1] is < 192 or > 223;
            if (!rtp)
            {
                return true;
            }

            lock (_lock)
            {
                if (!_started || Done)
                {
                    return true;
                }

                int n = _seen++;
                if (n >= Window)
                {
                    Done = true;
                    return true;
                }

                // Never at the window's edges, so the receiver's highest sequence passes every impaired one.
                if (n % 10 == 3)
                {
                    Dropped++;
                    return false;
                }

                if (n % 15 == 7 && MemoryMarshal.TryGetArray(data, out ArraySegment<byte> bytes))
                {
                    // Flip a payload bit: SRTP authentication must reject it (RFC 3711 §3.3 step 5).
                    bytes.Array![bytes.Offset + 20] ^= 0x01;
                    Corrupted++;
                }

                return true;
            }
        }
    }
}
