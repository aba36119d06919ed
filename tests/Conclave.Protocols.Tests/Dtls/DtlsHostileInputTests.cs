using System.Security.Cryptography;
using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Dtls;

/// <summary>
/// RFC 6347 §4.1.2.7: invalid records (garbage, bad MAC, unknown epoch) are silently discarded, so
/// injected datagrams neither break a handshake nor end an established association. (A corrupted but
/// well-formed epoch-0 handshake message arriving before the genuine one does stall a DTLS 1.2
/// handshake: those messages are not authenticated until Finished. That is a denial of service any
/// on-path attacker has anyway, and the handshake then fails closed with a timeout.)
/// </summary>
public sealed class DtlsHostileInputTests
{
    [Fact]
    public async Task Handshake_WithGarbageDatagramsInterleaved_StillCompletes()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        DtlsPacketChannel? server = null;
        var client = new DtlsPacketChannel(d =>
        {
            server!.Deliver(RandomNumberGenerator.GetBytes(60)); // noise before every real datagram
            server.Deliver(Truncated(d));
            server.Deliver(d);
        });
        server = new DtlsPacketChannel(d =>
        {
            client.Deliver(NotDtls(d));
            client.Deliver(d);
        });

        Task<DtlsSrtpResult> accepting = DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Server, serverCert, clientCert.Fingerprint, server);
        DtlsSrtpResult connected = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, clientCert, serverCert.Fingerprint, client);
        DtlsSrtpResult accepted = await accepting;

        Assert.True(connected.Succeeded && accepted.Succeeded, $"client: {connected}, server: {accepted}");
        Assert.Equal(connected.Keys!.ServerWriteKey, accepted.Keys!.ServerWriteKey);
        await connected.Session!.CloseAsync();
        await accepted.Session!.CloseAsync();
    }

    [Fact]
    public async Task Session_GarbageAfterHandshake_IsIgnoredAndCloseStillWorks()
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        var pair = new DtlsChannelPair();
        Task<DtlsSrtpResult> accepting = DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Server, serverCert, clientCert.Fingerprint, pair.B);
        DtlsSrtpResult client = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, clientCert, serverCert.Fingerprint, pair.A);
        DtlsSrtpResult server = await accepting;
        Assert.True(client.Succeeded && server.Succeeded);

        // Records of every content type with epochs 0, 1 and 7 and random bodies, plus raw noise.
        for (int i = 0; i < 50; i++)
        {
            byte[] record = RandomNumberGenerator.GetBytes(40);
            record[0] = (byte)(20 + (i % 5));
            record[1] = 0xFE;
            record[2] = 0xFD;
            record[3] = 0;
            record[4] = (byte)(i % 3 == 2 ? 7 : i % 3);
            record[11] = 0;
            record[12] = 27;
            pair.B.Deliver(record);
            pair.B.Deliver(RandomNumberGenerator.GetBytes(1 + (i * 7 % 200)));
        }

        // Still open: a close from the client reaches the server as close_notify, not as a failure.
        await client.Session!.CloseAsync();
        await server.Session!.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(server.Session.ClosedByPeer);
    }

    private static byte[] Truncated(ReadOnlySpan<byte> datagram) => datagram[..(datagram.Length / 2)].ToArray();

    private static byte[] NotDtls(ReadOnlySpan<byte> datagram)
    {
        byte[] copy = datagram.ToArray();
        copy[1] ^= 0xFF; // the first record's version is no longer DTLS
        return copy;
    }
}
