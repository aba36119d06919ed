using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Protocols.Net;
using Conclave.Protocols.Turn;
using Conclave.Server.Relay;
using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// The relay runs inside the server by default; a signed-in user gets short-lived TURN credentials
/// that allocate on it, and administrators read its metrics.
/// </summary>
public sealed class RelayEndpointsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    private IPEndPoint RunningRelay =>
        server.Server.App.Services.GetRequiredService<RelayHostedService>().Server?.UdpEndPoint
        ?? throw new InvalidOperationException("the server runs no relay");

    [Fact]
    public async Task TurnCredentials_ForSignedInUser_AreRestApiFormAndAllocateOnTheRunningRelay()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("turn"), Password);
        using var client = server.CreateClient(await server.SignInAsync(upn, Password));
        var userId = (await client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetString()!;

        using var response = await client.GetAsync(RelayEndpoints.CredentialsPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "credentials must not be cached");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var username = body.GetProperty("username").GetString()!;
        var password = body.GetProperty("password").GetString()!;
        var ttl = body.GetProperty("ttl").GetInt64();

        // TURN REST API form: expiry:userId, expiry in Unix seconds ttl from now (default 8 hours).
        Assert.True(TurnCredentials.TryParseUsername(username, out var expiry, out var named));
        Assert.Equal(userId, named);
        Assert.Equal((long)RelayOptions.DefaultCredentialLifetime.TotalSeconds, ttl);
        Assert.InRange(expiry - TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), ttl - 60, ttl);
        Assert.Equal(32, Convert.FromBase64String(password).Length);
        var uri = $"turn:127.0.0.1:{RunningRelay.Port.ToString(CultureInfo.InvariantCulture)}?transport=udp";
        Assert.Equal(uri, Assert.Single(body.GetProperty("uris").EnumerateArray()).GetString());

        // The credentials work on the relay the server started.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var turn = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), timeout.Token),
            RunningRelay, username, password);
        await turn.AllocateAsync(timeout.Token);
        Assert.Equal(IPAddress.Loopback, turn.RelayedEndPoint?.Address);
    }

    [Fact]
    public async Task TurnCredentials_WithoutToken_AreRefused401()
    {
        using var client = server.CreateClient();

        using var response = await client.GetAsync(RelayEndpoints.CredentialsPath);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RelayMetrics_ForTeamsAdministrator_CountTheAllocationJustMade()
    {
        var teamsAdmin = await server.CreateUserAsync(ServerFixture.UniqueName("relayta"), Password, "TeamsAdministrator");
        var (secret, _) = await server.EnrollMfaAsync(teamsAdmin, Password);
        using var admin = server.CreateClient(await server.SignInAsync(teamsAdmin, Password, ServerFixture.Totp(secret)));
        var before = await admin.GetFromJsonAsync<JsonElement>(RelayEndpoints.MetricsPath);

        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("turnm"), Password);
        using var user = server.CreateClient(await server.SignInAsync(upn, Password));
        var credentials = await user.GetFromJsonAsync<JsonElement>(RelayEndpoints.CredentialsPath);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var turn = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), timeout.Token),
            RunningRelay, credentials.GetProperty("username").GetString()!, credentials.GetProperty("password").GetString()!);
        await turn.AllocateAsync(timeout.Token);
        var after = await admin.GetFromJsonAsync<JsonElement>(RelayEndpoints.MetricsPath);

        Assert.Equal(before.GetProperty("allocationsCreated").GetInt64() + 1, after.GetProperty("allocationsCreated").GetInt64());
        Assert.True(after.GetProperty("allocationsActive").GetInt64() >= 1, after.ToString());
        // Refusals are counted by reason, every reason listed; the client's first Allocate carries no
        // credentials and is answered 401 with a nonce (RFC 8656 §7.2, RFC 8489 §9.2.4).
        var refusals = after.GetProperty("refusals");
        Assert.Equal(Enum.GetNames<RelayRefusal>().Order(), refusals.EnumerateObject().Select(r => r.Name).Order());
        Assert.True(refusals.GetProperty("Unauthorized").GetInt64() > before.GetProperty("refusals").GetProperty("Unauthorized").GetInt64(), after.ToString());
    }

    [Fact]
    public async Task RelayMetrics_ForNonAdministrator_Are403AndAudited()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("nometrics"), Password);
        using var client = server.CreateClient(await server.SignInAsync(upn, Password));

        using var response = await client.GetAsync(RelayEndpoints.MetricsPath);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var record = (await server.AuditAsync("action=admin.denied&take=50")).EnumerateArray().First(r => r.GetProperty("actorUpn").GetString() == upn);
        Assert.Equal("GET " + RelayEndpoints.MetricsPath, record.GetProperty("target").GetString());
    }
}
