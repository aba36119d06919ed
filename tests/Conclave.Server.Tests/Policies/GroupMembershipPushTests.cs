using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Policies;

/// <summary>The group member endpoints tell the policy engine, so a group assignment reaches devices without any other call.</summary>
public sealed class GroupMembershipPushTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Encryption = "/api/admin/policies/TeamsEnhancedEncryptionPolicy";

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
    public async Task AddingUserToAssignedGroup_ReachesTheirPolicyStream_WithinOneSecond_AndRemovingUndoesIt()
    {
        var admin = await server.SignInAdminAsync();
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("joiner"), "member-password-123");
        var policy = ServerFixture.UniqueName("Joined");
        var group = ServerFixture.UniqueName("Legal");
        using (var created = await server.PostJsonAsync(Encryption, new { identity = policy, parameters = new { CallingEndtoEndEncryptionEnabledType = "Required" } }, admin))
        using (var groupCreated = await server.PostJsonAsync("/api/admin/groups", new { name = group }, admin))
        using (var granted = await server.PostJsonAsync($"{Encryption}/grants", new { group, policyName = policy, rank = 1 }, admin))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        }

        using var device = server.CreateClient(await server.SignInAsync(upn, "member-password-123"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await device.GetAsync("/api/me/policy-events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("Disabled", (await NextEventAsync(reader, timeout.Token)).GetProperty("mode").GetString());

        var clock = Stopwatch.StartNew();
        using (var added = await server.PostJsonAsync($"/api/admin/groups/{Uri.EscapeDataString(group)}/members", new { user = upn }, admin))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var joined = await NextEventAsync(reader, timeout.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"membership took {clock.Elapsed} to arrive");
        Assert.Equal("Required", joined.GetProperty("mode").GetString());
        Assert.True(joined.GetProperty("on").GetBoolean());

        clock.Restart();
        using var adminClient = server.CreateClient(admin);
        using (var removed = await adminClient.DeleteAsync($"/api/admin/groups/{Uri.EscapeDataString(group)}/members/{Uri.EscapeDataString(upn)}", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        var left = await NextEventAsync(reader, timeout.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"removal took {clock.Elapsed} to arrive");
        Assert.Equal("Disabled", left.GetProperty("mode").GetString());
    }
}
