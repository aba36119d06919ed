using System.Net;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Auth;

/// <summary>Where an access token may travel: the Authorization header, and the query string on the signaling hub only.</summary>
public sealed class TokenTransportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AccessToken_InQueryString_IsRefusedOutsideTheHub()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("query"), "correct horse battery staple");
        var token = await server.SignInAsync(upn, "correct horse battery staple");

        using var anonymous = server.CreateClient();
        using var viaQuery = await anonymous.GetAsync($"/api/me?access_token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Unauthorized, viaQuery.StatusCode);

        using var viaHeader = server.CreateClient(token);
        using var me = await viaHeader.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task AccessToken_InQueryString_IsAcceptedByTheSignalingHub()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("hub"), "correct horse battery staple");
        var token = await server.SignInAsync(upn, "correct horse battery staple");

        using var anonymous = server.CreateClient();
        using var refused = await anonymous.PostAsync("/hubs/calls/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var accepted = await anonymous.PostAsync($"/hubs/calls/negotiate?negotiateVersion=1&access_token={Uri.EscapeDataString(token)}", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }
}
