using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Server.Tests.Sessions;

/// <summary>
/// Issue 9, defects 2 and 3: disabling an account or changing its password ends every session, token
/// and connection it holds, within seconds (here: at once, on the node that made the change).
/// </summary>
public sealed class SessionEndTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    [Fact]
    public async Task DisabledTeamsAdministrator_AccessTokenNoLongerManagesUsersOrPolicies()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("tadmin"), Password, "TeamsAdministrator");
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        var token = await server.SignInAsync(upn, Password, ServerFixture.Totp(secret));
        using var api = server.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/admin/users")).StatusCode);

        await SetEnabledAsync(upn, false);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/admin/policies/TeamsMeetingPolicy")).StatusCode);
        using var reEnable = await api.PatchAsJsonAsync($"/api/admin/users/{upn}", new { enabled = true });
        Assert.Equal(HttpStatusCode.Unauthorized, reEnable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task DisabledUser_UserInfoEndpointRefusesTheToken()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("userinfo"), Password);
        using var api = server.CreateClient(await server.SignInAsync(upn, Password));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/connect/userinfo")).StatusCode);

        await SetEnabledAsync(upn, false);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/connect/userinfo")).StatusCode);
    }

    [Theory]
    [InlineData("/hubs/calls")]
    [InlineData("/hubs/chat")]
    public async Task DisabledUser_OpenHubConnectionIsClosed_AndNewOnesAreRefused(string path)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("hubuser"), Password);
        var token = await server.SignInAsync(upn, Password);
        await using var hub = HubClients.Build(server, token, path);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        Assert.Equal(HubConnectionState.Connected, hub.State);

        await SetEnabledAsync(upn, false);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await using var again = HubClients.Build(server, token, path);
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledUser_PolicyEventStreamEnds()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("sseuser"), Password);
        using var api = server.CreateClient(await server.SignInAsync(upn, Password));
        api.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await api.GetAsync("/api/me/policy-events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        Assert.True(await stream.ReadAsync(buffer) > 0, "the stream sends the current answer first");

        await SetEnabledAsync(upn, false);

        // The stream ends (or the connection is reset) instead of waiting for the next policy change.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
        catch (HttpRequestException)
        {
        }

        Assert.False(timeout.IsCancellationRequested, "the event stream of a disabled account stayed open");
    }

    [Fact]
    public async Task PasswordChange_EndsOldAccessAndRefreshTokens()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("pwchange"), Password);
        var otherDevice = await server.PasswordGrantAsync(upn, Password);
        Assert.True(otherDevice.Succeeded, otherDevice.ToString());

        await server.ChangePasswordAsync(upn, Password, "member-password-456");

        using var api = server.CreateClient(otherDevice.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
        var refreshed = await server.RefreshAsync(otherDevice.RefreshToken!);
        Assert.False(refreshed.Succeeded, refreshed.ToString());
        Assert.Equal("invalid_grant", refreshed.Error);

        // The new password signs in as before.
        Assert.True((await server.PasswordGrantAsync(upn, "member-password-456")).Succeeded);
    }

    [Fact]
    public async Task PasswordChange_OfMfaEnrolledAccount_RequiresTheSecondFactor()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("pwmfa"), Password);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);

        using var withoutCode = await server.PostJsonAsync("/api/account/password", new { upn, currentPassword = Password, newPassword = "member-password-789" });
        Assert.Equal(HttpStatusCode.Forbidden, withoutCode.StatusCode);
        Assert.Equal("auth.mfa_required", (await withoutCode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var wrongCode = await server.PostJsonAsync("/api/account/password", new { upn, currentPassword = Password, newPassword = "member-password-789", totp = "000000" });
        Assert.NotEqual(HttpStatusCode.NoContent, wrongCode.StatusCode);
        Assert.True((await server.PasswordGrantAsync(upn, Password, ServerFixture.Totp(secret))).Succeeded, "the password did not change");

        using var withCode = await server.PostJsonAsync("/api/account/password", new { upn, currentPassword = Password, newPassword = "member-password-789", totp = ServerFixture.Totp(secret) });
        Assert.Equal(HttpStatusCode.NoContent, withCode.StatusCode);
    }

    private async Task SetEnabledAsync(string upn, bool enabled)
    {
        using var admin = server.CreateClient(await server.SignInAdminAsync());
        using var patched = await admin.PatchAsJsonAsync($"/api/admin/users/{upn}", new { enabled });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
    }
}
