using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Conclave.Protocols.Net;
using Conclave.Protocols.Turn;
using Conclave.Server.Relay;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// The Conclave TURN client allocates on the Conclave relay and on a real coturn alike, and
/// exchanges data with a UDP peer on 127.0.0.1 through each.
/// </summary>
public sealed class TurnClientInteropTests
{
    private const string CoturnSecret = "coturn-test-secret";

    [Fact]
    public async Task TurnClient_OnConclaveRelay_AllocatesAndExchangesData()
    {
        await using var relay = await RelayTestServer.StartAsync();
        var credentials = relay.Credentials();

        await AllocateAndExchangeAsync(relay.Udp, credentials.Username, credentials.Password);
    }

    [Fact]
    public async Task TurnClient_OnCoturn_AllocatesAndExchangesData()
    {
        Assert.True(ExternalProcess.Exists("turnserver"), "coturn is not installed (scripts/install-deps.sh)");
        var credentials = TurnCredentials.Create("alice", TimeSpan.FromHours(1), CoturnSecret, TimeProvider.System, algorithm: HashAlgorithmName.SHA1);

        // The port is free when probed but another test may take it (or share it, both with
        // SO_REUSEPORT) before turnserver binds it: then coturn never starts or never hears the client,
        // and it starts again on another port. A fault of ours fails every attempt.
        for (var attempt = 1; ; attempt++)
        {
            var port = ExternalProcess.FreePort();
            var pidFile = Path.Combine(Path.GetTempPath(), $"conclave-coturn-{port}.pid");
            // coturn 4.6.1's TURN REST API mode (--use-auth-secret) takes HMAC-SHA1 passwords only.
            using var coturn = ExternalProcess.Start("turnserver", "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
                "--listening-port=" + port.ToString(CultureInfo.InvariantCulture), "--min-port=52000", "--max-port=52999",
                "--use-auth-secret", "--static-auth-secret=" + CoturnSecret, "--realm=test.local", "--no-tls", "--no-dtls", "--no-cli",
                "--allow-loopback-peers", "--log-file=stdout", "--simple-log", "--pidfile=" + pidFile);
            try
            {
                await coturn.WaitForOutputAsync("Total General servers");
                await AllocateAndExchangeAsync(new IPEndPoint(IPAddress.Loopback, port), credentials.Username, credentials.Password);
                return;
            }
            catch (Exception e) when (attempt < 3 && e is Xunit.Sdk.TrueException or OperationCanceledException
                && !coturn.Output.Contains("Total General servers", StringComparison.Ordinal) | !coturn.Output.Contains("alice", StringComparison.Ordinal))
            {
                // coturn never started, or never saw a request from this client: the port was not its alone.
            }
            finally
            {
                File.Delete(pidFile);
            }
        }
    }

    private static async Task AllocateAndExchangeAsync(IPEndPoint server, string username, string password)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var client = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), default),
            server, username, password);
        using var peer = new UdpPeer();
        await client.AllocateAsync(timeout.Token);
        Assert.NotNull(client.RelayedEndPoint);
        Assert.Equal(IPAddress.Loopback, client.RelayedEndPoint!.Address);

        // First through Send/Data indications, then through a channel.
        await ExchangeAsync(client, peer, [1, 2, 3, 4, 5], timeout.Token);
        await client.BindChannelAsync(peer.EndPoint, timeout.Token);
        await ExchangeAsync(client, peer, Enumerable.Range(0, 1200).Select(i => (byte)i).ToArray(), timeout.Token);
    }

    private static async Task ExchangeAsync(TurnClient client, UdpPeer peer, byte[] payload, CancellationToken cancellationToken)
    {
        await client.SendToAsync(payload, peer.EndPoint, cancellationToken);
        var (atPeer, from) = await peer.ReceiveAsync();
        Assert.Equal(payload, atPeer);
        Assert.Equal(client.RelayedEndPoint, from);

        var reply = payload.Reverse().ToArray();
        peer.SendTo(reply, from);
        var buffer = new byte[2048];
        var received = await client.ReceiveFromAsync(buffer, cancellationToken);
        Assert.Equal(reply, buffer[..received.Length]);
        Assert.Equal(peer.EndPoint, received.RemoteEndPoint);
    }
}
