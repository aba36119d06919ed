using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Conclave.Protocols.Dtls;

namespace Conclave.Benchmarks.Dtls;

/// <summary>
/// A full DTLS-SRTP handshake (both roles, mutual ECDSA P-256 authentication, use_srtp, exporter)
/// in one process over an in-memory pair of packet channels: one iteration is one handshake, so
/// Median and P95 are per-handshake figures. bench/scripts/20-dtls.sh runs 300 warm-up handshakes
/// (enough for tiered JIT to settle) and 50 measured ones.
/// </summary>
[Config(typeof(Percentiles))]
[MemoryDiagnoser]
[InvocationCount(1)]
public class DtlsHandshakeBenchmarks
{
    private DtlsCertificate _clientCertificate = null!;
    private DtlsCertificate _serverCertificate = null!;
    private readonly List<DtlsSrtpSession> _sessions = [];

    [GlobalSetup]
    public void Setup()
    {
        _clientCertificate = DtlsCertificate.Generate();
        _serverCertificate = DtlsCertificate.Generate();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _clientCertificate.Dispose();
        _serverCertificate.Dispose();
    }

    [IterationCleanup]
    public void CloseSessions()
    {
        // Closing is not part of the measured handshake.
        Task.WaitAll(_sessions.Select(s => s.CloseAsync()).ToArray());
        _sessions.Clear();
    }

    [Benchmark(Description = "DTLS-SRTP handshake, in-memory")]
    public async Task<int> Handshake()
    {
        DtlsPacketChannel? b = null;
        var a = new DtlsPacketChannel(d => b!.Deliver(d));
        b = new DtlsPacketChannel(d => a.Deliver(d));
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Server, _serverCertificate, _clientCertificate.Fingerprint, b);
        DtlsSrtpResult client = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, _clientCertificate, _serverCertificate.Fingerprint, a);
        DtlsSrtpResult accepted = await server;
        if (!client.Succeeded || !accepted.Succeeded)
        {
            throw new InvalidOperationException($"handshake failed: {client} / {accepted}");
        }

        _sessions.Add(client.Session!);
        _sessions.Add(accepted.Session!);
        return client.Keys!.ProtectionProfile;
    }

    [Benchmark(Description = "Per-call certificate (ECDSA P-256, self-signed)")]
    public int GenerateCertificate()
    {
        using var certificate = DtlsCertificate.Generate();
        return certificate.Der.Length;
    }

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles()
        {
            AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        }
    }
}
