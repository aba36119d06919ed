using System.Net;
using Conclave.Client.Calls;
using Conclave.Contracts.Calls;

namespace Conclave.Client.Tests.Calls;

public class IceServerParserTests
{
    [Theory]
    [InlineData("turn:127.0.0.1:3478?transport=udp", "turn", "127.0.0.1", 3478, "udp")]
    [InlineData("turn:127.0.0.1", "turn", "127.0.0.1", 3478, "udp")]
    [InlineData("stun:[::1]:19302", "stun", "::1", 19302, "udp")]
    [InlineData("TURN:relay.example:443?transport=TCP", "turn", "relay.example", 443, "tcp")]
    public void TryParseUri_Rfc7064And7065Forms(string text, string scheme, string host, int port, string transport)
    {
        Assert.True(IceServerParser.TryParseUri(text, out var uri));
        Assert.Equal(new IceServerUri(scheme, host, port, transport), uri);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://127.0.0.1")]
    [InlineData("turn:")]
    [InlineData("turn:127.0.0.1:0")]
    [InlineData("turn:127.0.0.1:65536")]
    [InlineData("turn:127.0.0.1:x")]
    [InlineData("stun:[::1")]
    [InlineData(":3478")]
    public void TryParseUri_Malformed_IsFalse(string text) => Assert.False(IceServerParser.TryParseUri(text, out _));

    [Fact]
    public void Parse_TurnUdpWithCredentials_AndStun_SkipsTcpAndUncredentialedTurn()
    {
        var (stun, turn) = IceServerParser.Parse(
        [
            new IceServerInfo(["turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"], "1700000000:u", "pw"),
            new IceServerInfo(["turn:127.0.0.1:3479"], null, null),
            new IceServerInfo(["stun:127.0.0.1:3480"], null, null),
        ]);

        var relay = Assert.Single(turn);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 3478), relay.Address);
        Assert.Equal("1700000000:u", relay.Username);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 3480), Assert.Single(stun));
    }
}
