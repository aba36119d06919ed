using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Security;

/// <summary>One access token (or none) for each <see cref="CallerKind"/>, made through the public API as clients do.</summary>
internal static class Callers
{
    private const string Password = "matrix-password-123";

    public static async Task<IReadOnlyDictionary<CallerKind, string?>> CreateAsync(ServerFixture server)
    {
        var admin = await server.SignInAdminAsync();
        var tokens = new Dictionary<CallerKind, string?>
        {
            [CallerKind.Anonymous] = null,
            [CallerKind.GlobalAdministrator] = admin,
            [CallerKind.User] = await server.SignInAsync(await server.CreateUserAsync(ServerFixture.UniqueName("m-user"), Password), Password),
            [CallerKind.TeamsAdministrator] = await AdministratorAsync(server, "TeamsAdministrator"),
            [CallerKind.ComplianceAdministrator] = await AdministratorAsync(server, "ComplianceAdministrator"),
            [CallerKind.AppWithNoRole] = await AppAsync(server, admin),
            [CallerKind.AppTeamsAdministrator] = await AppAsync(server, admin, "TeamsAdministrator"),
            [CallerKind.AppComplianceAdministrator] = await AppAsync(server, admin, "ComplianceAdministrator"),
            [CallerKind.AppGlobalAdministrator] = await AppAsync(server, admin, "GlobalAdministrator"),
            [CallerKind.AppDeviceCompliance] = await AppAsync(server, admin, "Conclave.DeviceCompliance"),
        };

        var disabled = await server.CreateUserAsync(ServerFixture.UniqueName("m-disabled"), Password);
        tokens[CallerKind.DisabledUser] = await server.SignInAsync(disabled, Password);
        using (var client = server.CreateClient(admin))
        using (var patched = await client.PatchAsJsonAsync($"/api/admin/users/{disabled}", new { enabled = false }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        var changed = await server.CreateUserAsync(ServerFixture.UniqueName("m-pwchange"), Password);
        tokens[CallerKind.UserAfterPasswordChange] = await server.SignInAsync(changed, Password);
        await server.ChangePasswordAsync(changed, Password, Password + "-new");

        var revoked = await server.CreateUserAsync(ServerFixture.UniqueName("m-revoked"), Password);
        var revokedToken = await server.SignInAsync(revoked, Password);
        using (var client = server.CreateClient())
        using (var revoke = await client.PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "conclave-cli",
            ["token"] = revokedToken,
            ["token_type_hint"] = "access_token",
        })))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        tokens[CallerKind.RevokedToken] = revokedToken;
        Assert.Equal(Enum.GetValues<CallerKind>().Length, tokens.Count);
        return tokens;
    }

    private static async Task<string> AdministratorAsync(ServerFixture server, string role)
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("m-" + role[..5].ToLowerInvariant()), Password, role);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        return await server.SignInAsync(upn, Password, ServerFixture.Totp(secret));
    }

    private static async Task<string> AppAsync(ServerFixture server, string admin, params string[] roles)
    {
        using var created = await server.PostJsonAsync("/api/admin/apps", new { displayName = "matrix app", roles }, admin);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = await server.TokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = body.GetProperty("clientId").GetString()!,
            ["client_secret"] = body.GetProperty("clientSecret").GetString()!,
            ["scope"] = "api",
        });
        Assert.True(token.Succeeded, token.ToString());
        return token.AccessToken;
    }
}
