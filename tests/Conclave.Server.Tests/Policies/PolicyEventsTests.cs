using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Policies;

public sealed class PolicyEventsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Encryption = "/api/admin/policies/TeamsEnhancedEncryptionPolicy";

    /// <summary>Reads the next server-sent event's data line (events are "event: …\ndata: …\n\n").</summary>
    private static async Task<JsonElement> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new EndOfStreamException("event stream ended");
    }

    [Fact]
    public async Task PolicyGrantAndSettingChange_ReachConnectedClient_WithinOneSecond()
    {
        var admin = await server.SignInAdminAsync();
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("live"), "member-password-123");
        var policy = ServerFixture.UniqueName("Live");
        using (var created = await server.PostJsonAsync(Encryption, new { identity = policy, parameters = new { CallingEndtoEndEncryptionEnabledType = "EnabledUserOverride" } }, admin))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var device = server.CreateClient(await server.SignInAsync(upn, "member-password-123"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await device.GetAsync("/api/me/policy-events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await NextEventAsync(reader, timeout.Token);
        Assert.Equal("Disabled", first.GetProperty("mode").GetString());

        var clock = Stopwatch.StartNew();
        using (var granted = await server.PostJsonAsync($"{Encryption}/grants", new { user = upn, policyName = policy }, admin))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        var afterGrant = await NextEventAsync(reader, timeout.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"grant took {clock.Elapsed} to arrive");
        Assert.Equal("OnByDefaultUserMayDisable", afterGrant.GetProperty("mode").GetString());
        Assert.True(afterGrant.GetProperty("on").GetBoolean());

        // The user's own switch, flipped from another device, reaches this one too.
        using var other = server.CreateClient(await server.SignInAsync(upn, "member-password-123"));
        clock.Restart();
        using (var off = await other.PutAsJsonAsync("/api/me/e2ee-calls", new { setting = "Off" }, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        var afterSwitch = await NextEventAsync(reader, timeout.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"setting took {clock.Elapsed} to arrive");
        Assert.False(afterSwitch.GetProperty("on").GetBoolean());
        Assert.Equal("UserChoice", afterSwitch.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task GroupMembershipChange_ReachesConnectedClient_OnceReported()
    {
        var admin = await server.SignInAdminAsync();
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("member"), "member-password-123");
        var policy = ServerFixture.UniqueName("GroupLive");
        var group = ServerFixture.UniqueName("Board");
        using (var created = await server.PostJsonAsync(Encryption, new { identity = policy, parameters = new { CallingEndtoEndEncryptionEnabledType = "Required" } }, admin))
        using (var groupCreated = await server.PostJsonAsync("/api/admin/groups", new { name = group }, admin))
        using (var granted = await server.PostJsonAsync($"{Encryption}/grants", new { group, policyName = policy, rank = 1 }, admin))
        {
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        using var device = server.CreateClient(await server.SignInAsync(upn, "member-password-123"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await device.GetAsync("/api/me/policy-events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("Disabled", (await NextEventAsync(reader, timeout.Token)).GetProperty("mode").GetString());

        using (var added = await server.PostJsonAsync($"/api/admin/groups/{Uri.EscapeDataString(group)}/members", new { user = upn }, admin))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        using var adminClient = server.CreateClient(admin);
        var id = (await adminClient.GetFromJsonAsync<JsonElement>($"/api/admin/users/{upn}", timeout.Token)).GetProperty("id").GetString()!;
        var policies = (Conclave.Server.Policies.PolicyService)server.Server.App.Services.GetService(typeof(Conclave.Server.Policies.PolicyService))!;
        await policies.MembershipChangedAsync(id, timeout.Token);

        var next = await NextEventAsync(reader, timeout.Token);
        Assert.Equal("Required", next.GetProperty("mode").GetString());
        Assert.True(next.GetProperty("on").GetBoolean());
    }
}
