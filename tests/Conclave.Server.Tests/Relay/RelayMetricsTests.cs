using System.Diagnostics.Metrics;
using Conclave.Server.Relay;

namespace Conclave.Server.Tests.Relay;

public sealed class RelayMetricsTests
{
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
