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

    // Datagram numbers (1-based): the packet channel sends each flight as one datagram here, so the
    // client sends ClientHello (1) and Certificate..Finished (2); the server ServerHello..ServerHelloDone
    // (1) and ChangeCipherSpec + Finished (2).
    [Theory]
    [InlineData(new[] { 1 }, new int[0])] // the ClientHello
    [InlineData(new int[0], new[] { 1 })] // the server's first flight
    [InlineData(new[] { 2 }, new int[0])] // the client's second flight
    [InlineData(new int[0], new[] { 2 })] // the server's last flight: answered after the server has finished
    [InlineData(new[] { 1, 2 }, new[] { 1, 2 })]
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
        // 4 datagrams without loss; every lost one was sent again.
        Assert.True(sentByClient + sentByServer >= 4 + dropFromClient.Length + dropFromServer.Length, $"{sentByClient}/{sentByServer}: no retransmission seen");
        await connected.Session!.CloseAsync();
        await accepted.Session!.CloseAsync();
    }
}
