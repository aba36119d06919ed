using System.Collections.Concurrent;
using Conclave.Client.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Client.Tests.Auth;

public sealed class TokenSessionTests
{
    [Fact]
    public async Task ExpiringToken_IsRefreshed_AndTheRotatedRefreshTokenIsPersisted()
    {
        var issued = 0;
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ =>
        {
            var n = Interlocked.Increment(ref issued);
            return (200, $$"""{"access_token":"at-{{n}}","token_type":"Bearer","expires_in":3600,"refresh_token":"rt-{{n}}"}""");
        });
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var persisted = new ConcurrentQueue<TokenSet>();
        using var session = new TokenSession(
            new OAuthClient(connection, time),
            new TokenSet("at-0", "rt-0", time.GetUtcNow().AddSeconds(30)),
            (tokens, _) =>
            {
                persisted.Enqueue(tokens);
                return Task.CompletedTask;
            },
            time);

        // 30 s left is inside the refresh skew: the session refreshes before use.
        Assert.Equal("at-1", await session.GetAccessTokenAsync(false, CancellationToken.None));
        Assert.Equal("at-1", await session.GetAccessTokenAsync(false, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(59.5));
        Assert.Equal("at-2", await session.GetAccessTokenAsync(false, CancellationToken.None));

        Assert.Equal(["rt-0", "rt-1"], server.Requests.Select(r => r.Form["refresh_token"]));
        Assert.Equal(["rt-1", "rt-2"], persisted.Select(t => t.RefreshToken));
    }

    [Fact]
    public async Task ExpiredToken_WithoutRefreshToken_AsksToSignInAgain()
    {
        using var connection = new ConclaveConnection(new ServerEndpoint(new Uri("https://127.0.0.1:9/"), ServerTrust.FirstUse));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var session = new TokenSession(
            new OAuthClient(connection, time), new TokenSet("at", null, time.GetUtcNow()), (_, _) => Task.CompletedTask, time);

        var refusal = await Assert.ThrowsAsync<OAuthException>(() => session.GetAccessTokenAsync(false, CancellationToken.None));

        Assert.Contains("conclave login", refusal.Message, StringComparison.Ordinal);
    }
}
