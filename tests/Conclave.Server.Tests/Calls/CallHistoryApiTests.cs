using System.Net;
using System.Text.Json;
using Conclave.Server.Calls;
using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Calls;

public sealed class CallHistoryApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>A fixture whose server can be stopped and started again on the same data folder.</summary>
    private sealed class RestartableFixture : ServerFixture
    {
        // The port changes across the restart; a fixed issuer keeps tokens valid, as a fixed port does in production.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Conclave:Tokens:Issuer"] = "https://conclave.test/" };

        public async Task RestartAsync()
        {
            await Server.DisposeAsync();
            await StartAsync();
        }
    }

    [Fact]
    public async Task History_SurvivesARestart_AndIsListedToItsPartiesOnly()
    {
        var fixture = new RestartableFixture();
        await fixture.InitializeAsync();
        try
        {
            var alice = await fixture.SignInAsync(await fixture.CreateUserAsync("alice", "member-password-123"), "member-password-123");
            var bob = await fixture.SignInAsync(await fixture.CreateUserAsync("bob", "member-password-123"), "member-password-123");
            var carol = await fixture.SignInAsync(await fixture.CreateUserAsync("carol", "member-password-123"), "member-password-123");
            var callId = Guid.NewGuid();
            var placed = DateTimeOffset.Parse("2026-05-06T07:08:09Z", System.Globalization.CultureInfo.InvariantCulture);
            await fixture.Server.App.Services.GetRequiredService<CallHistory>().RecordAsync(
                new CallRecord
                {
                    CallId = callId,
                    CallerId = await IdOfAsync(fixture, alice),
                    CallerUpn = "alice@" + ServerFixture.Domain,
                    CalleeId = await IdOfAsync(fixture, bob),
                    CalleeUpn = "bob@" + ServerFixture.Domain,
                    PlacedAt = placed,
                    EndedAt = placed.AddSeconds(30),
                    EndReason = "NoAnswer",
                    Missed = true,
                },
                CancellationToken.None);

            await fixture.RestartAsync();

            var asAlice = await HistoryAsync(fixture, alice, "");
            var asBob = await HistoryAsync(fixture, bob, "?missed=true");
            var asCarol = await HistoryAsync(fixture, carol, "");
            var entry = Assert.Single(asAlice.GetProperty("calls").EnumerateArray());
            Assert.Equal((callId, "Outgoing", "bob@" + ServerFixture.Domain, false), (entry.GetProperty("callId").GetGuid(), entry.GetProperty("direction").GetString(), entry.GetProperty("peerUpn").GetString(), entry.GetProperty("missed").GetBoolean()));
            Assert.Equal(placed, entry.GetProperty("placedAt").GetDateTimeOffset());
            var missed = Assert.Single(asBob.GetProperty("calls").EnumerateArray());
            Assert.Equal((callId, "Incoming", "Standard", true), (missed.GetProperty("callId").GetGuid(), missed.GetProperty("direction").GetString(), missed.GetProperty("mode").GetString(), missed.GetProperty("missed").GetBoolean()));
            Assert.Empty(asCarol.GetProperty("calls").EnumerateArray());
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("?take=0", "take")]
    [InlineData("?take=201", "take")]
    [InlineData("?before=not-a-call-id", "before")]
    public async Task BadPaging_IsRefused_WithTheArgumentNamed(string query, string field)
    {
        var alice = await server.SignInAsync(await server.CreateUserAsync(ServerFixture.UniqueName("alice"), "member-password-123"), "member-password-123");
        using var client = server.CreateClient(alice);
        using var response = await client.GetAsync(CallHistoryEndpoints.Path + query);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("call.invalid_argument", problem.RootElement.GetProperty("code").GetString());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    private static async Task<string> IdOfAsync(ServerFixture fixture, string token)
    {
        using var client = fixture.CreateClient(token);
        using var me = JsonDocument.Parse(await client.GetStringAsync("/api/me"));
        return me.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> HistoryAsync(ServerFixture fixture, string token, string query)
    {
        using var client = fixture.CreateClient(token);
        using var response = await client.GetAsync(CallHistoryEndpoints.Path + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }
}
