using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Calls;
using Conclave.Server.Http;
using Conclave.Server.Relay;
using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Auth;

/// <summary>
/// An app registration (client-credentials token) is an app wherever it appears: never the user its
/// display name imitates, and never admitted to the surfaces that act for a signed-in person.
/// </summary>
public sealed class AppRegistrationIdentityTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    /// <summary>Every surface that acts for a signed-in person (docs/api.md): an app gets 403 <c>auth.user_required</c>.</summary>
    public static TheoryData<string, string> UserSurfaces => new()
    {
        { "GET", RelayEndpoints.CredentialsPath },
        { "GET", "/api/me/e2ee-calls" },
        { "PUT", "/api/me/e2ee-calls" },
        { "GET", "/api/me/policy-events" },
        { "POST", CallHub.Path + "/negotiate?negotiateVersion=1" },
    };

    [Theory]
    [MemberData(nameof(UserSurfaces))]
    public async Task AppToken_OnAUserSurface_Is403UserRequired(string method, string path)
    {
        var (_, token) = await CreateAppAsync("Provisioning " + ServerFixture.UniqueName("bot"));
        using var client = server.CreateClient(token);

        using var response = await SendAsync(client, method, path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("auth.user_required", problem.GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(UserSurfaces))]
    public async Task UserToken_OnAUserSurface_IsServed(string method, string path)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("person"), Password);
        using var client = server.CreateClient(await server.SignInAsync(upn, Password));

        using var response = await SendAsync(client, method, path);

        // The E2EE switch is locked under the default policy (403 policy.setting_locked): served, and refused on its own terms.
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.NotEqual("auth.user_required", problem.GetProperty("code").GetString());
        }
        else
        {
            Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public void EveryMeSubpathAndTheCallHub_CarryTheUserPolicy()
    {
        var endpoints = server.Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/') is var path
                && (path.StartsWith("api/me/", StringComparison.Ordinal) || path.StartsWith(CallHub.Path.TrimStart('/'), StringComparison.Ordinal)))
            .ToList();

        Assert.Contains(endpoints, e => e.RoutePattern.RawText!.Contains("negotiate", StringComparison.Ordinal));
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == ConclavePolicies.User));
    }

    [Fact]
    public async Task AppNamedLikeAnAdministrator_IsAuditedAsTheApp_NotAsThatUser()
    {
        var (clientId, token) = await CreateAppAsync(ServerFixture.AdminUpn, "TeamsAdministrator");
        var upn = ServerFixture.UniqueName("made-by-app") + "@" + ServerFixture.Domain;

        using var created = await server.PostJsonAsync("/api/admin/users", new { upn, displayName = "Made by an app", password = Password }, token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var record = (await server.AuditAsync("action=admin.user.create&take=200")).EnumerateArray().Single(r => r.GetProperty("target").GetString() == upn);
        Assert.Equal(clientId, record.GetProperty("actorId").GetString());
        Assert.Equal("app:" + clientId, record.GetProperty("actorUpn").GetString());
    }

    [Fact]
    public async Task AppNamedLikeAnAdministrator_RefusedAnAdminCall_IsAuditedAsTheApp()
    {
        var (clientId, token) = await CreateAppAsync(ServerFixture.AdminUpn);
        using var client = server.CreateClient(token);

        using var response = await client.GetAsync("/api/admin/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var record = (await server.AuditAsync("action=admin.denied&take=200")).EnumerateArray().First(r => r.GetProperty("actorId").GetString() == clientId);
        Assert.Equal("app:" + clientId, record.GetProperty("actorUpn").GetString());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { setting = "On" });
        }

        // The event stream answers its headers at once and then stays open: the status is all that is read.
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private async Task<(string ClientId, string AccessToken)> CreateAppAsync(string displayName, params string[] roles)
    {
        var admin = await server.SignInAdminAsync();
        using var created = await server.PostJsonAsync("/api/admin/apps", new { displayName, roles }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var app = await created.Content.ReadFromJsonAsync<JsonElement>();
        var clientId = app.GetProperty("clientId").GetString()!;
        var token = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = app.GetProperty("clientSecret").GetString()!,
            ["scope"] = "api",
        });
        Assert.True(token.Succeeded, token.ToString());
        return (clientId, token.AccessToken);
    }
}
