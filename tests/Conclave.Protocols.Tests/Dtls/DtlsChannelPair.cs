using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Dtls;

/// <summary>Two packet channels wired back to back in memory: what one sends, the other receives.</summary>
internal sealed class DtlsChannelPair
{
    public DtlsChannelPair()
    {
        A = new DtlsPacketChannel(datagram =>
        {
            Interlocked.Increment(ref _fromA);
            B!.Deliver(datagram);
        });
        B = new DtlsPacketChannel(datagram =>
        {
            Interlocked.Increment(ref _fromB);
            A.Deliver(datagram);
        });
    }

    private int _fromA;
    private int _fromB;

    public DtlsPacketChannel A { get; }

    public DtlsPacketChannel B { get; }

    public int DatagramsFromA => Volatile.Read(ref _fromA);

    public int DatagramsFromB => Volatile.Read(ref _fromB);

    public static async Task<(DtlsSrtpResult Client, DtlsSrtpResult Server)> HandshakeAsync(
        DtlsCertificate clientCertificate,
        DtlsCertificate serverCertificate,
        DtlsSrtpOptions? clientOptions = null,
        DtlsSrtpOptions? serverOptions = null,
        DtlsFingerprint? clientExpects = null,
        DtlsFingerprint? serverExpects = null)
    {
        var pair = new DtlsChannelPair();
        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.HandshakeAsync(
            DtlsRole.Server, serverCertificate, serverExpects ?? clientCertificate.Fingerprint, pair.B, serverOptions ?? Fast);
        Task<DtlsSrtpResult> client = DtlsSrtpEndpoint.HandshakeAsync(
            DtlsRole.Client, clientCertificate, clientExpects ?? serverCertificate.Fingerprint, pair.A, clientOptions ?? Fast);
        return (await client, await server);
    }

    /// <summary>Options that keep a failing test short: a lost flight is not expected in memory.</summary>
    public static DtlsSrtpOptions Fast { get; } = new() { HandshakeTimeout = TimeSpan.FromSeconds(5) };
}
