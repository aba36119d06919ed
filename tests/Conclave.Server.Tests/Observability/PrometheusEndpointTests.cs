using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Protocols.Net;
using Conclave.Protocols.Turn;
using Conclave.Server.Relay;
using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Observability;

/// <summary>
/// The Prometheus scrape endpoint, on at <c>/metrics</c> behind the Global or Teams administrator role:
/// after a sign-in, a TURN allocation and a call placed, answered and hung up over the hub, it shows the
/// relay, media, call and sign-in counters.
/// </summary>
public sealed class PrometheusEndpointTests(ObservabilityServerFixture server) : IClassFixture<ObservabilityServerFixture>
{
    private const string Password = "member-password-123";

    [Fact]
    public async Task Scrape_AfterSignInAllocationAndCall_ShowsRelayMediaCallAndSignInCounters()
    {
        var aliceUpn = await server.CreateUserAsync(ServerFixture.UniqueName("alice"), Password);
        var bobUpn = await server.CreateUserAsync(ServerFixture.UniqueName("bob"), Password);
        var alice = await server.SignInAsync(aliceUpn, Password);
        var bob = await server.SignInAsync(bobUpn, Password);

        using (var client = server.CreateClient(alice))
        {
            var credentials = await client.GetFromJsonAsync<JsonElement>(RelayEndpoints.CredentialsPath);
            var relay = server.Server.App.Services.GetRequiredService<RelayHostedService>().Server!.UdpEndPoint!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await using var turn = new TurnClient(
                await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), timeout.Token),
                relay, credentials.GetProperty("username").GetString()!, credentials.GetProperty("password").GetString()!);
            await turn.AllocateAsync(timeout.Token);
        }

        await using (var caller = await HubPeer.ConnectAsync(server, alice))
        await using (var callee = await HubPeer.ConnectAsync(server, bob))
        {
            await caller.PlaceAsync(bobUpn);
            var callId = await callee.AnswerNextAsync();
            await caller.HangUpAsync(callId);
        }

        var metrics = await ScrapeAsync(await server.SignInAdminAsync());

        Assert.True(Scrape.Sum(metrics, "conclave_identity_sign_ins_total") >= 2, metrics);
        Assert.True(Scrape.Sum(metrics, "conclave_identity_tokens_issued_total") >= 2, metrics);
        // Every server in this test process has meters of the same names, and the exporter listens to them
        // all: an observable counter shows one server's reading, so only counted instruments prove this
        // server's work. An allocation's first request is challenged (RFC 8656 §9.2: 401), a relay refusal.
        Assert.True(Scrape.Sum(metrics, "conclave_relay_refusals_total") >= 1, metrics);
        Assert.True(Scrape.Has(metrics, "conclave_relay_allocations_created_total"), metrics);
        Assert.True(Scrape.Has(metrics, "conclave_relay_packets_total"), metrics);
        Assert.True(Scrape.Sum(metrics, "conclave_calls_placed_total") >= 1, metrics);
        Assert.True(Scrape.Sum(metrics, "conclave_calls_answered_total") >= 1, metrics);
        Assert.True(Scrape.Sum(metrics, "conclave_calls_ended_total") >= 1, metrics);
        Assert.True(Scrape.Has(metrics, "conclave_calls_ring_to_answer_seconds_count"), metrics);
        Assert.True(Scrape.Has(metrics, "conclave_media_legs_opened_total"), metrics);
        Assert.True(Scrape.Has(metrics, "conclave_media_packets_forwarded_total"), metrics);
        Assert.True(Scrape.Sum(metrics, "conclave_admin_changes_total") >= 2, metrics);
    }

    [Fact]
    public async Task Scrape_WithAUsersToken_IsForbidden_AndWithoutOne_Unauthorized()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("member"), Password);
        using var member = server.CreateClient(await server.SignInAsync(upn, Password));
        using var forbidden = await member.GetAsync(ObservabilityServerFixture.MetricsPath);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        using var anonymous = server.CreateClient();
        using var unauthorized = await anonymous.GetAsync(ObservabilityServerFixture.MetricsPath);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    private async Task<string> ScrapeAsync(string adminToken)
    {
        using var client = server.CreateClient(adminToken);
        using var response = await client.GetAsync(ObservabilityServerFixture.MetricsPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
