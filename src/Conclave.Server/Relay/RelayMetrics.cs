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
    private readonly long[] _refusalCounts = new long[Enum.GetValues<RelayRefusal>().Length];
    private long _allocationsActive;
    private long _allocationsTotal;
    private long _packetsToPeer;
    private long _bytesToPeer;
    private long _packetsToClient;
    private long _bytesToClient;
    private long _droppedBandwidth;
    private long _droppedNoPermission;

    public RelayMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("conclave.relay.allocations.active", () => Volatile.Read(ref _allocationsActive), "{allocation}");
        _meter.CreateObservableCounter("conclave.relay.allocations.created", () => Volatile.Read(ref _allocationsTotal), "{allocation}");
        _meter.CreateObservableCounter("conclave.relay.packets", () => new Measurement<long>[]
        {
            new(Volatile.Read(ref _packetsToPeer), new KeyValuePair<string, object?>("direction", "to_peer")),
            new(Volatile.Read(ref _packetsToClient), new KeyValuePair<string, object?>("direction", "to_client")),
        }, "{packet}");
        _meter.CreateObservableCounter("conclave.relay.bytes", () => new Measurement<long>[]
        {
            new(Volatile.Read(ref _bytesToPeer), new KeyValuePair<string, object?>("direction", "to_peer")),
            new(Volatile.Read(ref _bytesToClient), new KeyValuePair<string, object?>("direction", "to_client")),
        }, "By");
        _meter.CreateObservableCounter("conclave.relay.packets.dropped", () => new Measurement<long>[]
        {
            new(Volatile.Read(ref _droppedBandwidth), new KeyValuePair<string, object?>("reason", "bandwidth")),
            new(Volatile.Read(ref _droppedNoPermission), new KeyValuePair<string, object?>("reason", "no_permission")),
        }, "{packet}");
        _refusals = _meter.CreateCounter<long>("conclave.relay.refusals", "{request}", "Requests refused, by reason.");
    }

    public RelayMetricsSnapshot Snapshot()
    {
        var refusals = new Dictionary<string, long>();
        foreach (var reason in Enum.GetValues<RelayRefusal>())
        {
            refusals[reason.ToString()] = Volatile.Read(ref _refusalCounts[(int)reason]);
        }

        return new RelayMetricsSnapshot(
            Volatile.Read(ref _allocationsActive), Volatile.Read(ref _allocationsTotal),
            Volatile.Read(ref _packetsToPeer), Volatile.Read(ref _bytesToPeer),
            Volatile.Read(ref _packetsToClient), Volatile.Read(ref _bytesToClient),
            Volatile.Read(ref _droppedBandwidth), Volatile.Read(ref _droppedNoPermission), refusals);
    }

    public void Dispose() => _meter.Dispose();

    internal void AllocationCreated()
    {
        Interlocked.Increment(ref _allocationsActive);
        Interlocked.Increment(ref _allocationsTotal);
    }

    internal void AllocationDeleted() => Interlocked.Decrement(ref _allocationsActive);

    internal void RelayedToPeer(int bytes)
    {
        Interlocked.Increment(ref _packetsToPeer);
        Interlocked.Add(ref _bytesToPeer, bytes);
    }

    internal void RelayedToClient(int bytes)
    {
        Interlocked.Increment(ref _packetsToClient);
        Interlocked.Add(ref _bytesToClient, bytes);
    }

    internal void DroppedBandwidth() => Interlocked.Increment(ref _droppedBandwidth);

    internal void DroppedNoPermission() => Interlocked.Increment(ref _droppedNoPermission);

    internal void Refused(RelayRefusal reason)
    {
        Interlocked.Increment(ref _refusalCounts[(int)reason]);
        _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
    }
}
