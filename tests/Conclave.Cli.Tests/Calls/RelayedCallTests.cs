using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Conclave.Client.Calls;
using Conclave.Protocols.Ice;
using Conclave.Server.Relay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Cli.Tests.Calls;

/// <summary>The server with Conclave's TURN relay on 127.0.0.1, handed to callers with per-call TURN REST credentials.</summary>
public sealed class RelayCallServerFixture : CallServerFixture
{
    public int RelayPort { get; } = FreeUdpPort();

    protected override void ConfigureServices(IServiceCollection services)
    {
        var port = RelayPort.ToString(CultureInfo.InvariantCulture);
        var relay = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Relay:ListenAddress"] = "127.0.0.1",
            ["Relay:UdpPort"] = port,
            ["Relay:AllowLoopbackPeers"] = "true",
            ["Relay:Secrets:0"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Relay:Uris:0"] = $"turn:127.0.0.1:{port}?transport=udp",
        }).Build();
        services.AddConclaveRelay(relay);
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }
}

public sealed class RelayedCallTests(RelayCallServerFixture server) : IClassFixture<RelayCallServerFixture>
{
    private static CallClientOptions RelayOnly(string name, double tone) => new()
    {
        DeviceName = name,
        AddressFilter = address => address.Equals(IPAddress.Loopback),
        ToneFrequency = tone,
        RelayOnly = true,
        RtcpInterval = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task E2eeCall_ThroughTheRelay_WithPerCallTurnRestCredentials_SameCode_ToneBothWays()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"), RelayOnly("alice", 440));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"), RelayOnly("bob", 1000));

        var call = await alice.Device.PlaceAsync(bob.Upn, CancellationToken.None);
        var incoming = await bob.Device.WaitForIncomingAsync(CancellationToken.None).Within();
        var answered = await bob.Device.AnswerAsync(incoming, CancellationToken.None);
        await Task.WhenAll(call.MediaReady, answered.MediaReady).Within();

        var turn = Assert.Single(call.IceServers);
        Assert.Equal($"turn:127.0.0.1:{server.RelayPort}?transport=udp", Assert.Single(turn.Urls));
        Assert.True(TurnCredentials.TryParseUsername(turn.Username!, out var expiry, out var userId));
        Assert.Equal(alice.Device.Device.UserId, userId);
        Assert.InRange(expiry - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60, 601);
        Assert.NotEqual(turn.Credential, Assert.Single(answered.IceServers).Credential);
        Assert.Equal(IceCandidateType.Relayed, call.Media!.SelectedPair!.Local.Type);
        Assert.Equal(IceCandidateType.Relayed, answered.Media!.SelectedPair!.Local.Type);
        Assert.Equal(call.SecurityCode, answered.SecurityCode);
        Assert.True(await Bounded.EventuallyAsync(() => call.ToneDetected(1000) && answered.ToneDetected(440)), "tone not detected both ways through the relay");
        await call.HangUpAsync(CancellationToken.None);
    }
}
