using System.Net;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Auth;

public sealed class RefreshTokenTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Refresh_RotatesTheRefreshToken()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("rot"), "member-password-123");
        var first = await server.PasswordGrantAsync(upn, "member-password-123");
        var second = await server.RefreshAsync(first.RefreshToken!);
        Assert.True(second.Succeeded, second.ToString());
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        using var client = server.CreateClient(second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ReusedRefreshToken_RevokesTheWholeFamily()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("reuse"), "member-password-123");
        var first = await server.PasswordGrantAsync(upn, "member-password-123");
        var second = await server.RefreshAsync(first.RefreshToken!);
        Assert.True(second.Succeeded, second.ToString());

        var replay = await server.RefreshAsync(first.RefreshToken!);
        Assert.False(replay.Succeeded);
        Assert.Equal("invalid_grant", replay.Error);

        // The newer refresh token and the access token issued with it are revoked too.
        var newer = await server.RefreshAsync(second.RefreshToken!);
        Assert.False(newer.Succeeded, newer.ToString());
        using var client = server.CreateClient(second.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task RevokedRefreshToken_CannotBeUsed()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("rev"), "member-password-123");
        var first = await server.PasswordGrantAsync(upn, "member-password-123");
        using var client = server.CreateClient();
        using var revoke = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "conclave-cli",
            ["token"] = first.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.False((await server.RefreshAsync(first.RefreshToken!)).Succeeded);
    }
}
