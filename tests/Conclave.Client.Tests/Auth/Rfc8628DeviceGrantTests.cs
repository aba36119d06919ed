using System.Collections.Concurrent;
using Conclave.Client.Auth;

namespace Conclave.Client.Tests.Auth;

/// <summary>The client side of the OAuth 2.0 Device Authorization Grant, RFC 8628 §3.1–3.5.</summary>
public sealed class Rfc8628DeviceGrantTests
{
    private const string Token = """{"access_token":"at-1","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-1"}""";

    private static string Device(string? interval) =>
        "{\"device_code\":\"dc-1\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\"/connect/verify\",\"expires_in\":600" +
        (interval is null ? "" : ",\"interval\":" + interval) + "}";

    private static string Error(string error) => $$"""{"error":"{{error}}"}""";

    private static async Task<(TokenSet? Tokens, OAuthException? Error, List<TimeSpan> Delays, List<RecordedRequest> Requests)> RunAsync(
        string deviceAnswer, params (int Status, string Body)[] tokenAnswers)
    {
        var answers = new ConcurrentQueue<(int, string)>(tokenAnswers);
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, request => request.Path switch
        {
            "/connect/device" => (200, deviceAnswer),
            "/connect/token" => answers.TryDequeue(out var next) ? next : (500, "{}"),
            _ => (404, "{}"),
        });
        var time = new RecordingTimeProvider();
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));
        var oauth = new OAuthClient(connection, time);
        var authorization = await oauth.RequestDeviceAuthorizationAsync(CancellationToken.None);
        var poll = oauth.PollDeviceTokenAsync(authorization, CancellationToken.None);
        for (var i = 0; i < 20 && await time.AdvanceNextDelayAsync(poll); i++)
        {
        }
        TokenSet? tokens = null;
        OAuthException? error = null;
        try
        {
            tokens = await poll;
        }
        catch (OAuthException ex)
        {
            error = ex;
        }
        return (tokens, error, time.Delays.ToList(), server.Requests.ToList());
    }

    [Fact]
    public async Task Poll_WaitsTheIntervalBeforeEachRequest_AndAddsFiveSecondsOnSlowDown()
    {
        // §3.5: "authorization_pending" → keep polling; "slow_down" → "the interval MUST be increased by 5 seconds".
        var (tokens, error, delays, requests) = await RunAsync(
            Device("7"), (400, Error("authorization_pending")), (400, Error("slow_down")), (400, Error("authorization_pending")), (200, Token));

        Assert.Null(error);
        Assert.Equal("at-1", tokens!.AccessToken);
        Assert.Equal("rt-1", tokens.RefreshToken);
        Assert.Equal([7, 7, 12, 12], delays.Select(d => (int)d.TotalSeconds));
        var polls = requests.Where(r => r.Path == "/connect/token").ToList();
        Assert.Equal(4, polls.Count);
        Assert.All(polls, p =>
        {
            Assert.Equal("urn:ietf:params:oauth:grant-type:device_code", p.Form["grant_type"]);
            Assert.Equal("dc-1", p.Form["device_code"]);
            Assert.Equal(OAuthClient.ClientId, p.Form["client_id"]);
        });
    }

    [Fact]
    public async Task DeviceAuthorization_WithoutInterval_PollsEveryFiveSeconds()
    {
        // §3.2: "If no value is provided, clients MUST use 5 as the default."
        var (_, error, delays, _) = await RunAsync(Device(null), (400, Error("authorization_pending")), (200, Token));

        Assert.Null(error);
        Assert.Equal([5, 5], delays.Select(d => (int)d.TotalSeconds));
    }

    [Theory]
    [InlineData("expired_token")]
    [InlineData("access_denied")]
    public async Task Poll_TerminalError_StopsPolling(string terminal)
    {
        var (tokens, error, _, requests) = await RunAsync(Device("5"), (400, Error("authorization_pending")), (400, Error(terminal)), (200, Token));

        Assert.Null(tokens);
        Assert.Equal(terminal, error!.Error);
        Assert.Equal(2, requests.Count(r => r.Path == "/connect/token"));
    }

    [Fact]
    public async Task Poll_PastTheCodesLifetime_StopsWithoutAskingAgain()
    {
        var pending = Enumerable.Repeat((400, Error("authorization_pending")), 200).ToArray();
        var (tokens, error, _, requests) = await RunAsync(
            """{"device_code":"dc-1","user_code":"U","verification_uri":"https://127.0.0.1/connect/verify","expires_in":12,"interval":5}""", pending);

        Assert.Null(tokens);
        Assert.Equal("expired_token", error!.Error);
        Assert.Equal(3, requests.Count(r => r.Path == "/connect/token"));
    }
}
