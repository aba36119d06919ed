using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Server.Tests.Relay;

/// <summary>Allocations over TCP and TLS (RFC 8656 §3.1), data both ways with padded ChannelData and Data indications.</summary>
public sealed class RelayStreamTransportTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StreamClient_AllocatesAndRelaysBothWays(bool tls)
    {
        using var certificate = tls ? SelfSigned() : null;
        await using var relay = await RelayTestServer.StartAsync(o =>
        {
            o.TcpPort = tls ? null : 0;
            o.TlsPort = tls ? 0 : null;
            o.TlsCertificate = certificate;
        });
        var credentials = relay.Credentials();
        await using var client = await StreamTurnTestClient.ConnectAsync(tls ? relay.Server.TlsEndPoint! : relay.Server.TcpEndPoint!, certificate);
        client.UseCredentials(credentials.Username, credentials.Password);
        using var peer = new UdpPeer();

        var allocated = await client.RequestAsync(() => RawTurnClient.Allocate());
        StunAssert.Success(allocated);
        Assert.True(allocated.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var relayed));

        // Data indication first (no channel yet): a 5-byte payload needs DATA padding.
        StunAssert.Success(await client.RequestAsync(() => new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint)));
        peer.SendTo([9, 8, 7, 6, 5], relayed);
        var indication = await client.ReadFrameAsync();
        Assert.True(StunMessage.TryParse(indication, out var data, out _));
        Assert.Equal(StunMethod.Data, data.Method);
        Assert.Equal(new byte[] { 9, 8, 7, 6, 5 }, data.GetValue(StunAttributeType.Data).ToArray());

        StunAssert.Success(await client.RequestAsync(() => new StunMessageBuilder(StunMethod.ChannelBind, StunClass.Request)
            .AddChannelNumber(0x4001).AddXorAddress(StunAttributeType.XorPeerAddress, peer.EndPoint)));
        await client.SendChannelDataAsync(0x4001, [1, 2, 3]);
        var (atPeer, from) = await peer.ReceiveAsync();
        Assert.Equal(new byte[] { 1, 2, 3 }, atPeer);
        Assert.Equal(relayed, from);

        peer.SendTo([4, 5, 6, 7, 8, 9, 10], relayed);
        var frame = await client.ReadFrameAsync();
        Assert.Equal(0, frame.Length % 4);
        Assert.True(ChannelData.TryParse(frame, stream: true, out var channelData, out var consumed, out _));
        Assert.Equal(0x4001, channelData.ChannelNumber);
        Assert.Equal(new byte[] { 4, 5, 6, 7, 8, 9, 10 }, channelData.Data.ToArray());
        Assert.Equal(frame.Length, consumed);
    }

    [Fact]
    public async Task TcpConnectionClosed_DeletesItsAllocation()
    {
        await using var relay = await RelayTestServer.StartAsync(o => o.TcpPort = 0);
        var credentials = relay.Credentials();
        var client = await StreamTurnTestClient.ConnectAsync(relay.Server.TcpEndPoint!);
        client.UseCredentials(credentials.Username, credentials.Password);
        StunAssert.Success(await client.RequestAsync(() => RawTurnClient.Allocate()));
        Assert.Equal(1, relay.Server.AllocationCount);

        await client.DisposeAsync();

        await Eventually.TrueAsync(() => relay.Server.AllocationCount == 0);
    }

    [Fact]
    public async Task TcpGarbage_ClosesOnlyThatConnection()
    {
        await using var relay = await RelayTestServer.StartAsync(o => o.TcpPort = 0);
        using var garbage = new System.Net.Sockets.TcpClient();
        await garbage.ConnectAsync(relay.Server.TcpEndPoint!);
        await garbage.GetStream().WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4 });
        var buffer = new byte[16];
        using var cts = new CancellationTokenSource(5000);

        var read = await garbage.GetStream().ReadAsync(buffer, cts.Token);

        Assert.Equal(0, read);
        var credentials = relay.Credentials();
        await using var client = await StreamTurnTestClient.ConnectAsync(relay.Server.TcpEndPoint!);
        client.UseCredentials(credentials.Username, credentials.Password);
        StunAssert.Success(await client.RequestAsync(() => RawTurnClient.Allocate()));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
