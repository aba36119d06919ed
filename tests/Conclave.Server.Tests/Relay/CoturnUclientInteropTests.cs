using System.Text.RegularExpressions;

namespace Conclave.Server.Tests.Relay;

/// <summary>coturn's own test client drives the Conclave relay, with coturn's peer on 127.0.0.1.</summary>
public sealed partial class CoturnUclientInteropTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TurnutilsUclient_ThroughConclaveRelay_ChannelsOrSendIndications_NoLoss(bool sendIndications)
    {
        Assert.True(ExternalProcess.Exists("turnutils_uclient"), "coturn is not installed (scripts/install-deps.sh)");
        // turnutils_uclient picks channel numbers in RFC 5766's 0x4000–0x7FFF range.
        await using var relay = await RelayTestServer.StartAsync(o => o.AcceptRfc5766ChannelNumbers = true);
        var credentials = relay.Credentials();
        var peerPort = ExternalProcess.FreePort();
        using var peer = ExternalProcess.Start("turnutils_peer", "-L", "127.0.0.1", "-p", peerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string[] arguments = ["-u", credentials.Username, "-w", credentials.Password, "-e", "127.0.0.1", "-r", peerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-p", relay.Udp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-n", "50", "-m", "2", "-l", "160", "-c", "-z", "5"];
        if (sendIndications)
        {
            arguments = ["-s", .. arguments];
        }

        using var client = ExternalProcess.Start("turnutils_uclient", [.. arguments, "127.0.0.1"]);
        var exit = await client.WaitAsync(TimeSpan.FromSeconds(60));

        var output = client.Output;
        Assert.True(exit == 0, output);
        var lost = LostPackets().Match(output);
        Assert.True(lost.Success, output);
        Assert.Equal("0", lost.Groups[1].Value);
        var snapshot = relay.Server.Metrics.Snapshot();
        Assert.True(snapshot.PacketsToPeer >= 100, output);
        Assert.True(snapshot.PacketsToClient >= 100, output);
    }

    [GeneratedRegex(@"Total lost packets (\d+)")]
    private static partial Regex LostPackets();
}
