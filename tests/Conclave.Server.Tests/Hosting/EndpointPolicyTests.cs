using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Hosting;

public sealed class EndpointPolicyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The anonymous surface, on purpose: health, the OAuth endpoints and pages (and their stylesheet), and the pre-token account calls.</summary>
    private static readonly string[] Anonymous =
    [
        "/healthz", "/connect/token", "/connect/authorize", "/connect/verify", "/connect/userinfo", "/account/login", "/account/page.css",
        "/api/account/password", "/api/account/mfa/enroll", "/api/account/mfa/confirm",
        "/account/first-sign-in", "/account/first-sign-in/password", "/account/first-sign-in/authenticator", "/account/first-sign-in/authenticator/confirm",
    ];

    [Fact]
    public void EveryEndpoint_RequiresAuthorization_UnlessOnTheAnonymousList()
    {
        var endpoints = server.Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorized = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
            if (anonymous)
            {
                Assert.Contains(path, Anonymous);
            }
            else
            {
                Assert.True(authorized, $"{path} has no authorization requirement");
            }
        }
    }

    [Fact]
    public void AdminEndpoints_CarryARolePolicy()
    {
        var endpoints = server.Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("api/admin", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy?.StartsWith("admin.", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void TeamEndpoints_RequireTheUserPolicy()
    {
        var endpoints = server.Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/teams", StringComparison.Ordinal)).ToList();
        Assert.Equal(15, endpoints.Count);
        Assert.All(endpoints, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Conclave.Server.Http.ConclavePolicies.User));
    }
}
