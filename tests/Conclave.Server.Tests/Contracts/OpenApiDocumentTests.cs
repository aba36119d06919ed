using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Contracts;

/// <summary>The OpenAPI document describes every mapped endpoint with its answers, so clients can be generated from it.</summary>
public sealed class OpenApiDocumentTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string DocumentPath = "/openapi/v1.json";

    /// <summary>Endpoints whose success is no JSON body: the OAuth redirect and the sign-in pages (HTML, and their stylesheet).</summary>
    private static readonly HashSet<string> WithoutJsonBody =
    [
        "/connect/authorize", "/connect/verify", "/account/login", "/account/page.css",
        "/account/first-sign-in", "/account/first-sign-in/password", "/account/first-sign-in/authenticator", "/account/first-sign-in/authenticator/confirm",
        // A chat file's bytes, not JSON.
        "/api/chats/{chatId}/files/{fileId}",
    ];

    [Fact]
    public async Task Document_ListsEveryEndpoint_WithItsSuccessResponseAndSchema()
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        using var response = await client.GetAsync(DocumentPath);
        response.EnsureSuccessStatusCode();
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");

        var endpoints = server.Server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .ToList();
        var checkedCount = 0;
        var missing = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (path.StartsWith("/hubs/", StringComparison.Ordinal) || path.StartsWith("/openapi/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                checkedCount++;
                var name = $"{method} {path}";
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    missing.Add(name + ": not in the document");
                    continue;
                }

                var successes = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2') || r.Name.StartsWith('3')).ToList();
                if (successes.Count == 0)
                {
                    missing.Add(name + ": no success response");
                    continue;
                }

                // A 204 (No Content) or a redirect has no body to describe; every other success does.
                var bodies = successes.Where(r => r.Name != "204" && r.Name.StartsWith('2')).ToList();
                if (bodies.Count > 0 && !WithoutJsonBody.Contains(path) && !bodies.Any(HasSchema))
                {
                    missing.Add(name + ": no schema for its success body");
                }
            }
        }

        Assert.True(checkedCount > 40, $"only {checkedCount} operations found");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Document_NamesTheContractTypes()
    {
        using var client = server.CreateClient(await server.SignInAdminAsync());
        var document = await client.GetFromJsonAsync<JsonElement>(DocumentPath);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "UserView", "GroupView", "AppView", "AuditView", "MeView", "TurnCredentialsView", "CreateUser", "GrantPolicy" })
        {
            Assert.True(schemas.TryGetProperty(name, out _), $"{name} is not among the document's schemas");
        }
    }

    [Fact]
    public async Task Document_NeedsASignedInCaller()
    {
        using var anonymous = server.CreateClient();
        using var response = await anonymous.GetAsync(DocumentPath);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static bool HasSchema(JsonProperty response) =>
        response.Value.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));
}
