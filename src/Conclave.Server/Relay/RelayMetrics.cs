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
    /// Per-packet counters, each on its own 128-byte stretch: the listener thread counts one direction
    /// and the allocations' receive loops the other, and sharing a cache line would make them contend.
    /// </summary>
    private const int Stride = 16;

    private const int AllocationsActive = 0;
    private const int AllocationsTotal = 1 * Stride;
    private const int PacketsToPeer = 2 * Stride;
    private const int BytesToPeer = 3 * Stride;
    private const int PacketsToClient = 4 * Stride;
    private const int BytesToClient = 5 * Stride;
    private const int DroppedBandwidthIndex = 6 * Stride;
    private const int DroppedNoPermissionIndex = 7 * Stride;

    private readonly long[] _counters = new long[8 * Stride];
    private readonly long[] _refusalCounts = new long[Enum.GetValues<RelayRefusal>().Length];

    public RelayMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("conclave.relay.allocations.active", () => Volatile.Read(ref _counters[AllocationsActive]), "{allocation}");
        _meter.CreateObservableCounter("conclave.relay.allocations.created", () => Volatile.Read(ref _counters[AllocationsTotal]), "{allocation}");
        _meter.CreateObservableCounter("conclave.relay.packets", () => new Measurement<long>[]
        {
            new(Volatile.Read(ref _counters[PacketsToPeer]), new KeyValuePair<string, object?>("direction", "to_peer")),
            new(Volatile.Read(ref _counters[PacketsToClient]), new KeyValuePair<string, object?>("direction", "to_client")),
        }, "{packet}");
        _meter.CreateObservableCounter("conclave.relay.bytes", () => new Measurement<long>[]
        {
            new(Volatile.Read(ref _counters[BytesToPeer]), new KeyValuePair<string, object?>("direction", "to_peer")),
            new(Volatile.Read(ref _counters[BytesToClient]), new KeyValuePair<string, object?>("direction", "to_client")),
        }, "By");
        _meter.CreateObservableCounter("conclave.relay.packets.dropped", () => new Measurement<long>[]
        {
            new(Volatile.Read(ref _counters[DroppedBandwidthIndex]), new KeyValuePair<string, object?>("reason", "bandwidth")),
            new(Volatile.Read(ref _counters[DroppedNoPermissionIndex]), new KeyValuePair<string, object?>("reason", "no_permission")),
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
            Volatile.Read(ref _counters[PacketsToPeer]), Volatile.Read(ref _counters[BytesToPeer]),
            Volatile.Read(ref _counters[PacketsToClient]), Volatile.Read(ref _counters[BytesToClient]),
            Volatile.Read(ref _counters[DroppedBandwidthIndex]), Volatile.Read(ref _counters[DroppedNoPermissionIndex]), refusals);
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
        Interlocked.Increment(ref _counters[PacketsToPeer]);
        Interlocked.Add(ref _counters[BytesToPeer], bytes);
    }

    internal void RelayedToClient(int bytes)
    {
        Interlocked.Increment(ref _counters[PacketsToClient]);
        Interlocked.Add(ref _counters[BytesToClient], bytes);
    }

    internal void DroppedBandwidth() => Interlocked.Increment(ref _counters[DroppedBandwidthIndex]);

    internal void DroppedNoPermission() => Interlocked.Increment(ref _counters[DroppedNoPermissionIndex]);

    internal void Refused(RelayRefusal reason)
    {
        Interlocked.Increment(ref _refusalCounts[(int)reason]);
        _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
    }
}
