using System.Diagnostics.Metrics;
using Conclave.Server.Relay;

namespace Conclave.Server.Tests.Relay;

public sealed class RelayMetricsTests
{
    [Fact]
    public void PacketCounts_FromManyThreadsAtOnce_AddUpExactlyInTheSnapshot()
    {
        using var metrics = new RelayMetrics();
        const int Threads = 12;
        const int PerThread = 5_000;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                metrics.RelayedToPeer(t + 1);
                metrics.RelayedToClient(2);
                if (i % 10 == 0)
                {
                    metrics.DroppedBandwidth();
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var snapshot = metrics.Snapshot();
        Assert.Equal(Threads * PerThread, snapshot.PacketsToPeer);
        Assert.Equal(PerThread * Enumerable.Range(1, Threads).Sum(), snapshot.BytesToPeer);
        Assert.Equal(Threads * PerThread, snapshot.PacketsToClient);
        Assert.Equal(Threads * PerThread * 2, snapshot.BytesToClient);
        Assert.Equal(Threads * (PerThread / 10), snapshot.DroppedOverBandwidth);
        Assert.Equal(0, snapshot.DroppedWithoutPermission);
    }

    [Fact]
    public async Task Meter_PublishesAllocationsAndRefusalsByReason()
    {
        await using var relay = await RelayTestServer.StartAsync();
        var refusals = new List<(long Value, string Reason)>();
        long active = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Other relays in parallel tests publish on meters of the same name: listen to this one only.
            if (instrument.Meter.Name == RelayMetrics.MeterName && ReferenceEquals(instrument.Meter, relay.Server.Metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "conclave.relay.refusals")
            {
                lock (refusals)
                {
                    refusals.Add((value, (string)tags[0].Value!));
                }
            }
            else if (instrument.Name == "conclave.relay.allocations.active")
            {
                active = value;
            }
        });
        listener.Start();
        using var client = new RawTurnClient(relay.Udp);
        var credentials = relay.Credentials();

        StunAssert.Success(await client.AllocateAsync(credentials.Username, credentials.Password));
        listener.RecordObservableInstruments();

        Assert.Equal(1, active);
        lock (refusals)
        {
            Assert.Contains((1L, nameof(RelayRefusal.Unauthorized)), refusals);
        }
    }
}
