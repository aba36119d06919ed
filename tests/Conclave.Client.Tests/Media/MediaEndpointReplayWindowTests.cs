using System.Net;
using System.Runtime.InteropServices;
using Conclave.Client.Media;
using Conclave.Protocols.Net;

namespace Conclave.Client.Tests.Media;

/// <summary>
/// A packet that arrives a hundred packets late, then again: the endpoint's SRTP replay window
/// (<see cref="MediaEndpointOptions.SrtpReplayWindowSize"/>, RFC 3711 §3.3.2) decides whether it is taken once
/// or refused as too old; its copy is refused either way.
/// </summary>
public sealed class MediaEndpointReplayWindowTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData(64, 2)]
    public async Task Call_PacketDeliveredAHundredLate_IsTakenOnceByDefault_AndRefusedByASixtyFourPacketWindow(int? windowSize, int rejected)
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        var network = new VirtualNetwork(TimeProvider.System);
        VirtualHost hostA = network.AddHost(IPAddress.Parse("10.0.0.1"));
        VirtualHost hostB = network.AddHost(IPAddress.Parse("10.0.0.2"));
        MediaEndpointOptions receiving = windowSize is { } size
            ? new() { Network = hostB, ToneFrequency = 1000, SrtpReplayWindowSize = size }
            : new() { Network = hostB, ToneFrequency = 1000 };

        await using var sender = MediaEndpoint.Create(new MediaEndpointOptions { Network = hostA, ToneFrequency = 440 });
        await using var receiver = MediaEndpoint.Create(receiving);
        var late = new LateDelivery(hostA.Address, behind: 100);
        network.Filter = late.Filter;

        await CallPair.NegotiateAsync(sender, receiver, cts.Token);
        await CallPair.ConnectAsync(sender, receiver, cts.Token);
        late.Start();

        Assert.True(await CallPair.EventuallyAsync(() => late.Done));
        Assert.False(late.Misfit);
        long receivedAtEnd = receiver.GetStatistics().PacketsReceived;
        Assert.True(await CallPair.EventuallyAsync(() => receiver.GetStatistics().PacketsReceived >= receivedAtEnd + 5));

        Assert.Equal(rejected, receiver.GetStatistics().PacketsRejected);
    }

    [Fact]
    public void Create_SrtpReplayWindowBelowTheRfcMinimum_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MediaEndpoint.Create(new MediaEndpointOptions { SrtpReplayWindowSize = 32 }));

    /// <summary>
    /// Holds back the first RTP packet from <paramref name="sender"/> after <see cref="Start"/>, then delivers it in
    /// place of the one <paramref name="behind"/> packets later (so it arrives <paramref name="behind"/> − 1 behind
    /// the newest), and once more in place of the next: a late packet, then its replay.
    /// </summary>
    private sealed class LateDelivery(IPAddress sender, int behind)
    {
        private readonly Lock _lock = new();
        private volatile bool _started;
        private byte[]? _held;
        private int _since;

        public bool Done { get; private set; }

        /// <summary>A later packet had another length than the held one, so it could not stand in for it.</summary>
        public bool Misfit { get; private set; }

        public void Start() => _started = true;

        public bool Filter(IPEndPoint from, IPEndPoint to, ReadOnlyMemory<byte> data)
        {
            ReadOnlySpan<byte> span = data.Span;
            bool rtp = from.Address.Equals(sender) && span.Length > 12 && span[0] >> 6 == 2 && span[1] is < 192 or > 223;
            if (!rtp || !_started)
            {
                return true;
            }

            lock (_lock)
            {
                if (Done)
                {
                    return true;
                }

                if (_held is null)
                {
                    _held = span.ToArray();
                    return false;
                }

                if (++_since < behind)
                {
                    return true;
                }

                // Every packet of the tone has the same length, so the held one fits in this one's place.
                if (!MemoryMarshal.TryGetArray(data, out ArraySegment<byte> bytes) || bytes.Count != _held.Length)
                {
                    Misfit = Done = true;
                    return true;
                }

                _held.CopyTo(bytes.Array!, bytes.Offset);
                Done = _since == behind + 1;
                return true;
            }
        }
    }
}
