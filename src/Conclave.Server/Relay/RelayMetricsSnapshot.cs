namespace Conclave.Server.Relay;

/// <summary>Relay counters at one moment, for the admin API. Counts since start.</summary>
public sealed record RelayMetricsSnapshot(
    long AllocationsActive,
    long AllocationsCreated,
    long PacketsToPeer,
    long BytesToPeer,
    long PacketsToClient,
    long BytesToClient,
    long DroppedOverBandwidth,
    long DroppedWithoutPermission,
    IReadOnlyDictionary<string, long> Refusals);
