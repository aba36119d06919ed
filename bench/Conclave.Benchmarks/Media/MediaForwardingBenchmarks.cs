using BenchmarkDotNet.Attributes;
using Conclave.Server.Audit;
using Conclave.Server.Media;
using Conclave.Server.Storage;
using Conclave.Testing.Media;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Conclave.Benchmarks.Media;

/// <summary>
/// The server's forwarding path for a standard call: the real <see cref="MediaProcessor"/> with two legs
/// on loopback, each device a <see cref="RawMediaDevice"/>. One operation is one packet each way: the
/// device protects and sends, the leg unprotects, rewrites the payload type, protects for the other
/// device and sends, the other device receives and unprotects. The allocation column counts only the
/// benchmark's thread, so the processor's own allocations show in the process-wide figure printed by
/// <see cref="Cleanup"/> (goal: 0 B per packet).
/// </summary>
[MemoryDiagnoser]
public class MediaForwardingBenchmarks
{
    private MediaProcessor _processor = null!;
    private RawMediaDevice _alice = null!;
    private RawMediaDevice _bob = null!;
    private Guid _callId;
    private long _packets;
    private long _allocatedAtStart;

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new MediaProcessorOptions { ListenAddress = "127.0.0.1", MinPort = 0, MaxPort = 0 });
        _processor = new MediaProcessor(options, new MediaProcessorMetrics(), new DiscardingAuditLog(), TimeProvider.System, NullLogger<MediaProcessor>.Instance);
        _callId = Guid.NewGuid();
        _alice = RawMediaDevice.Create(_callId, "alice", vp8PayloadType: 96);
        _bob = RawMediaDevice.Create(_callId, "bob", vp8PayloadType: 100);
        _alice.ConnectAsync(_processor).GetAwaiter().GetResult();
        _bob.ConnectAsync(_processor).GetAwaiter().GetResult();

        // Both legs report SRTP up only after the devices' first packets pass; warm the path before measuring.
        for (var i = 0; i < 2000; i++)
        {
            ForwardBothWays();
        }

        _allocatedAtStart = GC.GetTotalAllocatedBytes(precise: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedAtStart;
        Console.WriteLine($"// process-wide: {allocated} B allocated over {_packets} forwarded packets ({(double)allocated / Math.Max(1, _packets):F3} B per packet, the benchmark's own devices included)");
        _processor.CloseCallAsync(_callId, "Benchmark").GetAwaiter().GetResult();
        _alice.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _bob.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _processor.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One VP8 packet alice → bob (payload type rewritten 96 → 100) and one PCMU packet bob → alice.</summary>
    [Benchmark]
    public int ForwardBothWays()
    {
        _alice.SendRtp(96);
        var first = _bob.Receive().Type;
        _bob.SendRtp(0);
        var second = _alice.Receive().Type;
        _packets += 2;
        return first + second;
    }

    private sealed class DiscardingAuditLog : IAuditLog
    {
        public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Stage(ConclaveDbContext unitOfWork, AuditEntry entry)
        {
        }
    }
}
