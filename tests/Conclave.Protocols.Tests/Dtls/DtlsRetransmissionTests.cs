using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Dtls;

/// <summary>RFC 6347 §4.2.4: a lost flight is retransmitted when its timer expires.</summary>
public sealed class DtlsRetransmissionTests
{
    private static readonly DtlsSrtpOptions QuickRetransmit = new()
    {
        InitialRetransmitTimeout = TimeSpan.FromMilliseconds(50),
        HandshakeTimeout = TimeSpan.FromSeconds(10),
    };

    // Datagram numbers (1-based) as BouncyCastle sends them: the client's ClientHello is 1 and its
    // Certificate..Finished flight 2-6; the server's ServerHello..ServerHelloDone flight is 1-5 and its
    // ChangeCipherSpec + Finished flight 6-7.
    [Theory]
    [InlineData(new[] { 1 }, new int[0])] // the ClientHello
    [InlineData(new int[0], new[] { 1 })] // the start of the server's first flight
    [InlineData(new[] { 4 }, new int[0])] // a message of the client's second flight
    [InlineData(new int[0], new[] { 6, 7 })] // the server's last flight: answered after the server has finished
    [InlineData(new[] { 1, 2 }, new[] { 2, 7 })]
    public async Task Handshake_DatagramsLost_CompletesByRetransmission(int[] dropFromClient, int[] dropFromServer)
    {
        using var clientCert = DtlsCertificate.Generate();
        using var serverCert = DtlsCertificate.Generate();
        int sentByClient = 0;
        int sentByServer = 0;
        DtlsPacketChannel? server = null;
        var client = new DtlsPacketChannel(d =>
        {
            if (!dropFromClient.Contains(Interlocked.Increment(ref sentByClient)))
            {
                server!.Deliver(d);
            }
        });
        server = new DtlsPacketChannel(d =>
        {
            if (!dropFromServer.Contains(Interlocked.Increment(ref sentByServer)))
            {
                client.Deliver(d);
            }
        });

        Task<DtlsSrtpResult> accepting = DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Server, serverCert, clientCert.Fingerprint, server, QuickRetransmit);
        DtlsSrtpResult connected = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, clientCert, serverCert.Fingerprint, client, QuickRetransmit);
        DtlsSrtpResult accepted = await accepting;

        Assert.True(connected.Succeeded, connected.ToString());
        Assert.True(accepted.Succeeded, accepted.ToString());
        Assert.Equal(connected.Keys!.ClientWriteKey, accepted.Keys!.ClientWriteKey);
        // 13 datagrams without loss; every lost one was sent again.
        Assert.True(sentByClient + sentByServer >= 13 + dropFromClient.Length + dropFromServer.Length, $"{sentByClient}/{sentByServer}: no retransmission seen");
        await connected.Session!.CloseAsync();
        await accepted.Session!.CloseAsync();
    }
}
