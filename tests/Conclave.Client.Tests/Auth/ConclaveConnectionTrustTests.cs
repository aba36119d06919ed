using System.Net;
using System.Net.Sockets;
using Conclave.Client.Auth;

namespace Conclave.Client.Tests.Auth;

public sealed class ConclaveConnectionTrustTests : IDisposable
{
    private const string Healthy = """{"status":"ok"}""";
    private readonly string _directory = Directory.CreateTempSubdirectory("conclave-trust-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task FirstUse_AcceptsAndRecordsThePresentedFingerprint()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ => (200, Healthy));
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));

        await connection.ProbeAsync(CancellationToken.None);

        Assert.Equal(CertificateFingerprint.Of(certificate), connection.PresentedFingerprint);
    }

    [Fact]
    public async Task Pinned_SameCertificate_Connects()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ => (200, Healthy));
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.Pinned(CertificateFingerprint.Of(certificate))));

        await connection.ProbeAsync(CancellationToken.None);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Pinned_ChangedCertificate_IsRefusedBeforeAnyRequest_NamingBothFingerprints()
    {
        using var pinned = TestCertificates.CreateServerCertificate();
        using var replacement = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(replacement, _ => (200, Healthy));
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.Pinned(CertificateFingerprint.Of(pinned))));

        var refusal = await Assert.ThrowsAsync<CertificatePinMismatchException>(() => connection.ProbeAsync(CancellationToken.None));

        Assert.Equal(CertificateFingerprint.Of(pinned), refusal.Pinned);
        Assert.Equal(CertificateFingerprint.Of(replacement), refusal.Presented);
        Assert.Contains(CertificateFingerprint.Of(replacement).ToString(), refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--trust-fingerprint", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CaFile_CertificateChainsToTheAuthority_Connects()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ => (200, Healthy));
        var ca = TestCertificates.WritePem(certificate, _directory);
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FromCaFile(ca)));

        await connection.ProbeAsync(CancellationToken.None);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CaFile_OtherAuthority_IsRefusedAsUntrusted()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        using var stranger = TestCertificates.CreateServerCertificate("CN=Other CA");
        await using var server = new LoopbackHttpsServer(certificate, _ => (200, Healthy));
        var ca = TestCertificates.WritePem(stranger, _directory);
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FromCaFile(ca)));

        var refusal = await Assert.ThrowsAsync<ServerUnreachableException>(() => connection.ProbeAsync(CancellationToken.None));

        Assert.IsNotType<CertificatePinMismatchException>(refusal);
        Assert.Contains("does not chain", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ClosedPort_IsUnreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var connection = new ConclaveConnection(new ServerEndpoint(new Uri($"https://127.0.0.1:{port}/"), ServerTrust.FirstUse));

        var refusal = await Assert.ThrowsAsync<ServerUnreachableException>(() => connection.ProbeAsync(CancellationToken.None));

        Assert.Contains("Cannot reach", refusal.Message, StringComparison.Ordinal);
    }
}
