using System.Diagnostics.Metrics;

namespace Conclave.Server.Media;

/// <summary>
/// Counters of the media processor, exposed through the Meter "Conclave.Media" and as a snapshot for the
/// admin API. Per-packet counters are interlocked fields read by observable instruments, so forwarding a
/// packet allocates nothing whether or not a listener is attached.
/// </summary>
public sealed class MediaProcessorMetrics : IDisposable
{
    public const string MeterName = "Conclave.Media";

    /// <summary>Each per-packet counter on its own 128-byte stretch: the legs' receive loops count concurrently.</summary>
    private const int Stride = 16;

    private const int LegsOpenIndex = 0;
    private const int LegsOpenedIndex = 1 * Stride;
    private const int LegsConnectedIndex = 2 * Stride;
    private const int HandshakeFailuresIndex = 3 * Stride;
    private const int PacketsIndex = 4 * Stride;
    private const int BytesIndex = 5 * Stride;
    private const int RefusedIndex = 6 * Stride;

    private readonly Meter _meter;
    private readonly long[] _counters = new long[7 * Stride];

    public MediaProcessorMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _meter.CreateObservableGauge("conclave.media.legs.open", () => Read(LegsOpenIndex), "{leg}");
        _meter.CreateObservableCounter("conclave.media.legs.opened", () => Read(LegsOpenedIndex), "{leg}");
        _meter.CreateObservableCounter("conclave.media.legs.connected", () => Read(LegsConnectedIndex), "{leg}");
        _meter.CreateObservableCounter("conclave.media.handshake.failures", () => Read(HandshakeFailuresIndex), "{leg}");
        _meter.CreateObservableCounter("conclave.media.packets.forwarded", () => Read(PacketsIndex), "{packet}");
        _meter.CreateObservableCounter("conclave.media.bytes.forwarded", () => Read(BytesIndex), "By");
        _meter.CreateObservableCounter("conclave.media.packets.refused", () => Read(RefusedIndex), "{packet}");
    }

    /// <summary>Legs open now.</summary>
    public long LegsOpen => Read(LegsOpenIndex);

    public MediaProcessorMetricsSnapshot Snapshot() => new(
        Read(LegsOpenIndex),
        Read(LegsOpenedIndex),
        Read(LegsConnectedIndex),
        Read(HandshakeFailuresIndex),
        Read(PacketsIndex),
        Read(BytesIndex),
        Read(RefusedIndex));

    public void Dispose() => _meter.Dispose();

    internal void LegOpened()
    {
        Interlocked.Increment(ref _counters[LegsOpenIndex]);
        Interlocked.Increment(ref _counters[LegsOpenedIndex]);
    }

    internal void LegClosed() => Interlocked.Decrement(ref _counters[LegsOpenIndex]);

    internal void LegConnected() => Interlocked.Increment(ref _counters[LegsConnectedIndex]);

    internal void HandshakeFailed() => Interlocked.Increment(ref _counters[HandshakeFailuresIndex]);

    internal void Forwarded(int bytes)
    {
        Interlocked.Increment(ref _counters[PacketsIndex]);
        Interlocked.Add(ref _counters[BytesIndex], bytes);
    }

    internal void Refused() => Interlocked.Increment(ref _counters[RefusedIndex]);

    private long Read(int index) => Volatile.Read(ref _counters[index]);
}
