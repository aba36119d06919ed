using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Auth;

public sealed class ClientCredentialsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AppRegistration_ClientCredentials_TokenCarriesItsRoles()
    {
        var admin = await server.SignInAdminAsync();
        using var created = await server.PostJsonAsync("/api/admin/apps", new { displayName = "Provisioning", roles = new[] { "TeamsAdministrator" } }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var app = await created.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = app.GetProperty("clientId").GetString()!;
        var secret = app.GetProperty("clientSecret").GetString()!;

        var token = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "api",
        });
        Assert.True(token.Succeeded, token.ToString());
        using var client = server.CreateClient(token.AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(["TeamsAdministrator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/users")).StatusCode);
        // Teams administrators do not read the audit log.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/audit")).StatusCode);
    }

    [Fact]
    public async Task AppRegistration_WrongSecret_GetsNoToken()
    {
        var admin = await server.SignInAdminAsync();
        using var created = await server.PostJsonAsync("/api/admin/apps", new { displayName = "Other", roles = Array.Empty<string>() }, admin);
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetString()!;
        var token = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = "not-the-secret",
            ["scope"] = "api",
        });
        Assert.False(token.Succeeded);
        Assert.Equal("invalid_client", token.Error);
    }

    [Fact]
    public async Task PublicCliClient_CannotUseClientCredentials()
    {
        var token = await server.TokenAsync(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "conclave-cli" });
        Assert.False(token.Succeeded);
    }
}
