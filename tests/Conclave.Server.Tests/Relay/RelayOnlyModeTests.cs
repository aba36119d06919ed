using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Conclave.Protocols.Net;
using Conclave.Protocols.Turn;
using Conclave.Server.Relay;
using Conclave.Server.Tests.Hosting;

namespace Conclave.Server.Tests.Relay;

/// <summary>The built server run as an operator would: the relay alone with <c>--relay-only</c>, and start-up refusals.</summary>
public sealed partial class RelayOnlyModeTests
{
    private const string Secret = "shared-with-the-api";

    [Fact]
    public async Task RelayOnly_WithTheApisSecret_RunsTheRelayAlone_AndItsCredentialsAllocate()
    {
        using var relay = ExternalProcess.Start("dotnet", ServerProcess.ServerDll, RelayHost.RelayOnlySwitch,
            "--Conclave:Relay:ListenAddress", "127.0.0.1", "--Conclave:Relay:UdpPort", "0", "--Conclave:Relay:Secrets:0", Secret,
            "--Logging:LogLevel:Default", "Warning");
        await relay.WaitForOutputAsync("Relay listening on udp", 30_000);
        var match = ListeningLine().Match(relay.Output);
        Assert.True(match.Success, relay.Output);
        var endPoint = IPEndPoint.Parse(match.Groups[1].Value);
        Assert.Equal(IPAddress.Loopback, endPoint.Address);
        Assert.DoesNotContain("Listening on https", relay.Output, StringComparison.Ordinal);

        // Credentials issued elsewhere (the API) under the same secret work here.
        var credentials = TurnCredentials.Create("remote-user", TimeSpan.FromMinutes(5), Secret, TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var turn = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), timeout.Token),
            endPoint, credentials.Username, credentials.Password);
        await turn.AllocateAsync(timeout.Token);
        Assert.Equal(IPAddress.Loopback, turn.RelayedEndPoint?.Address);
    }

    [Fact]
    public async Task RelayOnly_WithoutSecret_ExitsWith2_NamingTheSetting()
    {
        using var server = new ServerProcess();

        var (exitCode, _, error) = await server.RunToExitAsync(RelayHost.RelayOnlySwitch);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("conclave-server: ", error, StringComparison.Ordinal);
        Assert.Contains("Relay:Secrets", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_WhenTheRelayPortIsTaken_ExitsNonZero_SayingWhichSettingToChange()
    {
        using var occupied = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupied.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var server = new ServerProcess();
        server.Environment["Conclave__Relay__UdpPort"] = ((IPEndPoint)occupied.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, _, error) = await server.RunToExitAsync("--urls", "https://127.0.0.1:0");

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith($"conclave-server: UDP port {((IPEndPoint)occupied.LocalEndPoint!).Port} for the TURN relay", error, StringComparison.Ordinal);
        Assert.Contains("is taken: set Conclave:Relay:UdpPort", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_RelayPortFromConclavePrefixedEnvironment_ReachesTheRelay_AndATakenPortIsNamedAsInUse()
    {
        using var occupied = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupied.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var server = new ServerProcess();
        server.Environment["CONCLAVE_RELAY__UDPPORT"] = ((IPEndPoint)occupied.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, _, error) = await server.RunToExitAsync("--urls", "https://127.0.0.1:0");

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith($"conclave-server: UDP port {((IPEndPoint)occupied.LocalEndPoint!).Port} for the TURN relay", error, StringComparison.Ordinal);
        Assert.Contains("is taken", error, StringComparison.Ordinal);
        Assert.Contains("Conclave:Relay:UdpPort", error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Relay listening on udp (\S+)")]
    private static partial Regex ListeningLine();
}
