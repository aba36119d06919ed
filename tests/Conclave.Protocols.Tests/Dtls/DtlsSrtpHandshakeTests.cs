using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Dtls;

public sealed class DtlsSrtpHandshakeTests
{
    [Fact]
    public async Task Handshake_InMemory_BothSidesExportTheSameKeys()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();

        var (client, server) = await DtlsChannelPair.HandshakeAsync(clientCert, serverCert);

        Assert.True(client.Succeeded, client.ToString());
        Assert.True(server.Succeeded, server.ToString());
        DtlsSrtpKeys c = client.Keys!;
        DtlsSrtpKeys s = server.Keys!;
        Assert.Equal(DtlsSrtpProtectionProfiles.AeadAes256Gcm, c.ProtectionProfile);
        Assert.Equal(c.ProtectionProfile, s.ProtectionProfile);
        Assert.Equal(c.ClientWriteKey, s.ClientWriteKey);
        Assert.Equal(c.ServerWriteKey, s.ServerWriteKey);
        Assert.Equal(c.ClientWriteSalt, s.ClientWriteSalt);
        Assert.Equal(c.ServerWriteSalt, s.ServerWriteSalt);
        Assert.Equal(32, c.ClientWriteKey.Length);
        Assert.Equal(12, c.ClientWriteSalt.Length);
        Assert.NotEqual(c.ClientWriteKey, c.ServerWriteKey);

        // What one side sends with, the other receives with.
        Assert.Equal(c.GetLocal(DtlsRole.Client).Key, s.GetRemote(DtlsRole.Server).Key);
        Assert.Equal(s.GetLocal(DtlsRole.Server).Salt, c.GetRemote(DtlsRole.Client).Salt);

        Assert.Equal(serverCert.Fingerprint, client.Session!.RemoteFingerprint);
        Assert.Equal(clientCert.Fingerprint, server.Session!.RemoteFingerprint);
        await client.Session.CloseAsync();
        await server.Session.CloseAsync();
    }

    [Fact]
    public async Task Handshake_TwoCalls_ExportDifferentKeys()
    {
        using var a = DtlsCertificate.Generate();
        using var b = DtlsCertificate.Generate();

        var (first, _) = await DtlsChannelPair.HandshakeAsync(a, b);
        var (second, _) = await DtlsChannelPair.HandshakeAsync(a, b);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.NotEqual(first.Keys!.ClientWriteKey, second.Keys!.ClientWriteKey);
    }

    [Fact]
    public async Task Handshake_ServerCertificateNotTheAnnouncedOne_ClientFailsWithFingerprintMismatch()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        using var announced = DtlsCertificate.Generate();

        var (client, server) = await DtlsChannelPair.HandshakeAsync(clientCert, serverCert, clientExpects: announced.Fingerprint);

        Assert.Equal(DtlsSrtpError.FingerprintMismatch, client.Error);
        Assert.Null(client.Keys);
        Assert.Equal(DtlsSrtpError.AlertReceived, server.Error);
        Assert.Equal(42, server.AlertDescription); // bad_certificate, RFC 5246 §7.2
    }

    [Fact]
    public async Task Handshake_ClientCertificateNotTheAnnouncedOne_ServerFailsWithFingerprintMismatch()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        using var announced = DtlsCertificate.Generate();

        var (client, server) = await DtlsChannelPair.HandshakeAsync(clientCert, serverCert, serverExpects: announced.Fingerprint);

        Assert.Equal(DtlsSrtpError.FingerprintMismatch, server.Error);
        Assert.Null(server.Keys);
        Assert.Equal(DtlsSrtpError.AlertReceived, client.Error);
        Assert.Null(client.Keys);
    }

    [Theory]
    [InlineData(new ushort[] { 0x0001, 0x0007 }, 0x0007)] // server ignores the client's order: GCM first
    [InlineData(new ushort[] { 0x0001 }, 0x0001)]
    [InlineData(new ushort[] { 0x0001, 0x0008, 0x0007 }, 0x0008)]
    [InlineData(new ushort[] { 0x0002, 0x0007 }, 0x0007)]
    public async Task Handshake_ServerChoosesByConclavePreference(ushort[] clientOffer, ushort expected)
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var clientOptions = new DtlsSrtpOptions { SrtpProfiles = clientOffer, HandshakeTimeout = TimeSpan.FromSeconds(5) };

        var (client, server) = await DtlsChannelPair.HandshakeAsync(clientCert, serverCert, clientOptions);

        Assert.True(client.Succeeded, client.ToString());
        Assert.Equal(expected, client.Keys!.ProtectionProfile);
        Assert.Equal(expected, server.Keys!.ProtectionProfile);
        DtlsSrtpProtectionProfiles.TryGetLengths(expected, out int keyLength, out int saltLength);
        Assert.Equal(keyLength, server.Keys.ServerWriteKey.Length);
        Assert.Equal(saltLength, server.Keys.ServerWriteSalt.Length);
        Assert.Equal(client.Keys.ServerWriteSalt, server.Keys.ServerWriteSalt);
    }

    [Fact]
    public async Task Handshake_NoCommonProfile_ServerFailsAndClientReceivesAlert()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var clientOptions = new DtlsSrtpOptions { SrtpProfiles = [DtlsSrtpProtectionProfiles.AesCm128HmacSha1_32] };

        var (client, server) = await DtlsChannelPair.HandshakeAsync(clientCert, serverCert, clientOptions);

        Assert.Equal(DtlsSrtpError.NoCommonSrtpProfile, server.Error);
        Assert.Equal(DtlsSrtpError.AlertReceived, client.Error);
        Assert.Equal(40, client.AlertDescription); // handshake_failure
    }

    [Fact]
    public async Task Handshake_PeerNeverAnswers_FailsWithTimeout()
    {
        using var cert = DtlsCertificate.Generate();
        using var other = DtlsCertificate.Generate();
        int sent = 0;
        var silent = new DtlsPacketChannel(_ => Interlocked.Increment(ref sent));
        var options = new DtlsSrtpOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) };

        DtlsSrtpResult result = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, cert, other.Fingerprint, silent, options);

        Assert.Equal(DtlsSrtpError.Timeout, result.Error);
        Assert.True(sent >= 1);
    }

    [Fact]
    public async Task Handshake_Canceled_FailsWithCanceled()
    {
        using var cert = DtlsCertificate.Generate();
        using var other = DtlsCertificate.Generate();
        using var cts = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var silent = new DtlsPacketChannel(_ => started.TrySetResult());

        Task<DtlsSrtpResult> handshake = DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, cert, other.Fingerprint, silent, cts.Token);
        await started.Task;
        await cts.CancelAsync();
        DtlsSrtpResult result = await handshake;

        Assert.Equal(DtlsSrtpError.Canceled, result.Error);
    }

    [Fact]
    public async Task CloseAsync_SendsCloseNotify_PeerSessionEnds()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var (client, server) = await DtlsChannelPair.HandshakeAsync(clientCert, serverCert);
        Assert.True(client.Succeeded && server.Succeeded);

        await client.Session!.CloseAsync();
        await server.Session!.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(server.Session.ClosedByPeer);
        Assert.False(client.Session.ClosedByPeer);
    }

    [Fact]
    public async Task WarmUpAsync_CompletesAHandshake()
    {
        Assert.True(await DtlsSrtpEndpoint.WarmUpAsync());
    }

    [Fact]
    public async Task Handshake_EveryDatagram_StaysWithinTheSendLimit()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        int largest = 0;
        DtlsPacketChannel? b = null;
        var a = new DtlsPacketChannel(d =>
        {
            InterlockedMax(ref largest, d.Length);
            b!.Deliver(d);
        });
        b = new DtlsPacketChannel(d =>
        {
            InterlockedMax(ref largest, d.Length);
            a.Deliver(d);
        });

        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Server, serverCert, clientCert.Fingerprint, b);
        DtlsSrtpResult client = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, clientCert, serverCert.Fingerprint, a);

        Assert.True(client.Succeeded && (await server).Succeeded);
        Assert.InRange(largest, 1, DtlsPacketChannel.DefaultSendLimit);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
