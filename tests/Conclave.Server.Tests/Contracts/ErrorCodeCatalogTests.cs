using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Conclave.Contracts.Calls;
using Conclave.Contracts.Errors;
using Conclave.Server.Http;
using Conclave.Server.Tests.Auth;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Tests.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Server.Tests.Contracts;

/// <summary>The one list of error codes: its form, and that every code the server sends is in it.</summary>
public sealed partial class ErrorCodeCatalogTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [GeneratedRegex(@"^[a-z]+(\.[a-z0-9_]+)+$")]
    private static partial Regex CodeForm();

    [Fact]
    public void Catalog_EveryCode_IsAreaSnakeCase_Unique_AndHasText()
    {
        Assert.NotEmpty(ErrorCodes.All);
        foreach (var entry in ErrorCodes.All)
        {
            Assert.Matches(CodeForm(), entry.Code);
            Assert.False(string.IsNullOrWhiteSpace(entry.Description), $"{entry.Code} has no text");
        }

        var repeated = ErrorCodes.All.GroupBy(e => e.Code, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(repeated);
    }

    [Fact]
    public void Catalog_HoldsEveryConstant_OfEveryArea()
    {
        var constants = typeof(ErrorCodes).GetNestedTypes()
            .SelectMany(t => t.GetFields().Where(f => f.IsLiteral && f.Name != nameof(ErrorCodes.Client.MediaPrefix)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(constants.Order(StringComparer.Ordinal), ErrorCodes.All.Select(e => e.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Refusals_OverRestTokenAndHub_SendOnlyCatalogedCodes()
    {
        var admin = await server.SignInAdminAsync();
        var name = ServerFixture.UniqueName("codes");
        var user = await server.CreateUserAsync(name, "codes-correct-horse-battery");
        var userToken = await server.SignInAsync(user, "codes-correct-horse-battery");

        // REST: 400, 401, 403, 404, 405 and 409.
        using (var client = server.CreateClient(admin))
        {
            using var malformed = await client.PostAsync("/api/admin/users", new StringContent("{", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            using var exists = await server.PostJsonAsync("/api/admin/users", new { upn = user, displayName = name, password = "codes-correct-horse-battery" }, admin);
            Assert.Equal(HttpStatusCode.Conflict, exists.StatusCode);
            using var missing = await client.GetAsync("/api/no/such/thing");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using var method = await client.PutAsync("/api/me", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        }

        using (var anonymous = server.CreateClient())
        {
            using var unauthenticated = await anonymous.GetAsync("/api/me");
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        }

        using (var client = server.CreateClient(userToken))
        {
            using var forbidden = await client.GetAsync("/api/admin/users");
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        // Token endpoint: a wrong password.
        var refused = await server.PasswordGrantAsync(user, "wrong-password");
        Assert.False(refused.Succeeded);

        // Hub: a call before registering, an argument that is no call id, an unknown feature.
        await using var hub = HubClients.Build(server, userToken);
        await hub.StartAsync();
        var placed = await hub.InvokeAsync<PlaceCallAnswer>(CallHubMethods.PlaceCall, "nobody@" + ServerFixture.Domain);
        Assert.NotNull(placed.Error);
        var accepted = await hub.InvokeAsync<AcceptAnswer>(CallHubMethods.Accept, "not-a-call-id");
        Assert.NotNull(accepted.Error);
        var feature = await hub.InvokeAsync<SignalError>(CallHubMethods.RequestFeature, Guid.NewGuid().ToString(), "Teleport");
        Assert.Equal(ErrorCodes.Call.UnknownFeature, feature.Code);

        var emitted = EmittedCodes.All;
        Assert.Contains(new EmittedError(ErrorCodes.Request.Malformed, ErrorChannel.ProblemDetails), emitted);
        Assert.Contains(new EmittedError(ErrorCodes.Directory.UserExists, ErrorChannel.ProblemDetails), emitted);
        Assert.Contains(new EmittedError(ErrorCodes.Request.NotFound, ErrorChannel.ProblemDetails), emitted);
        Assert.Contains(new EmittedError(ErrorCodes.Request.MethodNotAllowed, ErrorChannel.ProblemDetails), emitted);
        Assert.Contains(new EmittedError(ErrorCodes.Auth.Unauthenticated, ErrorChannel.ProblemDetails), emitted);
        Assert.Contains(new EmittedError(ErrorCodes.Auth.Forbidden, ErrorChannel.ProblemDetails), emitted);
        Assert.Contains(new EmittedError(ErrorCodes.Auth.InvalidCredentials, ErrorChannel.TokenResponse), emitted);
        Assert.Contains(new EmittedError(placed.Error.Code, ErrorChannel.Hub), emitted);
        Assert.Contains(new EmittedError(accepted.Error.Code, ErrorChannel.Hub), emitted);
        Assert.Contains(new EmittedError(ErrorCodes.Call.UnknownFeature, ErrorChannel.Hub), emitted);
        AssertAllCataloged(emitted);
    }

    /// <summary>Checks every code sent so far in this test run (other test classes' too).</summary>
    internal static void AssertAllCataloged(IEnumerable<EmittedError> emitted)
    {
        var known = ErrorCodes.All.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(emitted, e => !known.Contains(e.Code));
    }
}

/// <summary>The 429 of the sign-in throttle carries a cataloged code too.</summary>
public sealed class ThrottledErrorCodeTests(LowLimitServerFixture server) : IClassFixture<LowLimitServerFixture>
{
    [Fact]
    public async Task Throttled_SendsCatalogedCode()
    {
        var account = ServerFixture.UniqueName("throttled") + "@" + ServerFixture.Domain;
        for (var i = 0; i < 4; i++)
        {
            await server.PasswordGrantAsync(account, "guess-" + i);
        }

        var emitted = EmittedCodes.All;
        Assert.Contains(new EmittedError(ErrorCodes.Request.Throttled, ErrorChannel.ProblemDetails), emitted);
        ErrorCodeCatalogTests.AssertAllCataloged(emitted);
    }
}
