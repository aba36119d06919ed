using System.Diagnostics.Metrics;

namespace Conclave.Server.Relay;

/// <summary>
/// Counters of the relay, exposed through the Meter "Conclave.Relay" and as a snapshot for the admin
/// API. The per-packet counters are plain interlocked fields read by observable instruments, so
/// relaying a packet costs no allocation whether or not a listener is attached.
/// </summary>
public sealed class RelayMetrics : IDisposable
{
    public const string MeterName = "Conclave.Relay";

    private readonly Meter _meter;
    private readonly Counter<long> _refusals;
    /// <summary>
    /// Per-packet counters are striped: each thread counts into the stripe its managed thread id picks,
    /// each counter on its own 128-byte stretch, and a read adds the stripes up. The UDP workers count
    /// both directions at once, and one shared cache line per counter would make them contend.
    /// </summary>
    private const int Stride = 16;
    private const int Stripes = 8;
    private const int PerPacketCounters = 6;

    private const int AllocationsActive = 0;
    private const int AllocationsTotal = 1 * Stride;

    private const int PacketsToPeer = 0;
    private const int BytesToPeer = 1 * Stride;
    private const int PacketsToClient = 2 * Stride;
    private const int BytesToClient = 3 * Stride;
    private const int DroppedBandwidthIndex = 4 * Stride;
    private const int DroppedNoPermissionIndex = 5 * Stride;

    private readonly long[] _counters = new long[2 * Stride];
    private readonly long[] _perPacket = new long[Stripes * PerPacketCounters * Stride];
    private readonly long[] _refusalCounts = new long[Enum.GetValues<RelayRefusal>().Length];

    public RelayMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("conclave.relay.allocations.active", () => Volatile.Read(ref _counters[AllocationsActive]), "{allocation}");
        _meter.CreateObservableCounter("conclave.relay.allocations.created", () => Volatile.Read(ref _counters[AllocationsTotal]), "{allocation}");
        _meter.CreateObservableCounter("conclave.relay.packets", () => new Measurement<long>[]
        {
            new(Sum(PacketsToPeer), new KeyValuePair<string, object?>("direction", "to_peer")),
            new(Sum(PacketsToClient), new KeyValuePair<string, object?>("direction", "to_client")),
        }, "{packet}");
        _meter.CreateObservableCounter("conclave.relay.bytes", () => new Measurement<long>[]
        {
            new(Sum(BytesToPeer), new KeyValuePair<string, object?>("direction", "to_peer")),
            new(Sum(BytesToClient), new KeyValuePair<string, object?>("direction", "to_client")),
        }, "By");
        _meter.CreateObservableCounter("conclave.relay.packets.dropped", () => new Measurement<long>[]
        {
            new(Sum(DroppedBandwidthIndex), new KeyValuePair<string, object?>("reason", "bandwidth")),
            new(Sum(DroppedNoPermissionIndex), new KeyValuePair<string, object?>("reason", "no_permission")),
        }, "{packet}");
        _refusals = _meter.CreateCounter<long>("conclave.relay.refusals", "{request}", "Requests refused, by reason.");
    }

    /// <summary>This instance's meter (several relays in one process each have their own).</summary>
    internal Meter Meter => _meter;

    public RelayMetricsSnapshot Snapshot()
    {
        var refusals = new Dictionary<string, long>();
        foreach (var reason in Enum.GetValues<RelayRefusal>())
        {
            refusals[reason.ToString()] = Volatile.Read(ref _refusalCounts[(int)reason]);
        }

        return new RelayMetricsSnapshot(
            Volatile.Read(ref _counters[AllocationsActive]), Volatile.Read(ref _counters[AllocationsTotal]),
            Sum(PacketsToPeer), Sum(BytesToPeer),
            Sum(PacketsToClient), Sum(BytesToClient),
            Sum(DroppedBandwidthIndex), Sum(DroppedNoPermissionIndex), refusals);
    }

    public void Dispose() => _meter.Dispose();

    internal void AllocationCreated()
    {
        Interlocked.Increment(ref _counters[AllocationsActive]);
        Interlocked.Increment(ref _counters[AllocationsTotal]);
    }

    internal void AllocationDeleted() => Interlocked.Decrement(ref _counters[AllocationsActive]);

    internal void RelayedToPeer(int bytes)
    {
        var stripe = Stripe();
        Interlocked.Increment(ref _perPacket[stripe + PacketsToPeer]);
        Interlocked.Add(ref _perPacket[stripe + BytesToPeer], bytes);
    }

    internal void RelayedToClient(int bytes)
    {
        var stripe = Stripe();
        Interlocked.Increment(ref _perPacket[stripe + PacketsToClient]);
        Interlocked.Add(ref _perPacket[stripe + BytesToClient], bytes);
    }

    internal void DroppedBandwidth() => Interlocked.Increment(ref _perPacket[Stripe() + DroppedBandwidthIndex]);

    internal void DroppedNoPermission() => Interlocked.Increment(ref _perPacket[Stripe() + DroppedNoPermissionIndex]);

    /// <summary>The calling thread's stripe (threads sharing one still count correctly, through Interlocked).</summary>
    private static int Stripe() => (Environment.CurrentManagedThreadId & (Stripes - 1)) * PerPacketCounters * Stride;

    private long Sum(int counter)
    {
        long total = 0;
        for (var stripe = 0; stripe < Stripes; stripe++)
        {
            total += Volatile.Read(ref _perPacket[(stripe * PerPacketCounters * Stride) + counter]);
        }

        return total;
    }

    internal void Refused(RelayRefusal reason)
    {
        Interlocked.Increment(ref _refusalCounts[(int)reason]);
        _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
    }
}
