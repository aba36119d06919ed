using System.Net.Http.Json;
using System.Text.Json;

namespace Conclave.Server.Tests.Hosting;

/// <summary>
/// The first sign-in of a server process's bootstrap administrator, as the tests of a separate process need it: the
/// password changed from the bootstrap one, an authenticator enrolled, and a token of the CLI's client.
/// </summary>
internal static class BootstrapAdmin
{
    /// <summary>
    /// Prepares <paramref name="process"/> to be started, killed and started again under load: its tenant domain, a fixed
    /// token issuer (the port changes at each start, the tokens stay valid), cheap password hashing and sign-in
    /// throttling out of the way, and the bootstrap password in a file. Returns the server's arguments.
    /// </summary>
    public static async Task<string[]> PrepareRestartableAsync(ServerProcess process, string domain, string issuer, string bootstrapPassword)
    {
        process.Environment["Conclave__Tenant__Domain"] = domain;
        process.Environment["Conclave__Accounts__PasswordHashIterations"] = "1000";
        process.Environment["Conclave__Throttling__PermitsPerAddress"] = "100000";
        process.Environment["Conclave__Throttling__PermitsPerSubnet"] = "100000";
        process.Environment["Conclave__Throttling__PermitsPerAccount"] = "100000";
        process.Environment["Conclave__Chat__RateLimit__Burst"] = "100000";
        process.Environment["Conclave__Chat__RateLimit__WritesPerSecond"] = "100000";
        process.Environment["Conclave__Tokens__Issuer"] = issuer;
        var passwordFile = Path.Combine(process.WorkingDirectory, "bootstrap-password");
        await File.WriteAllTextAsync(passwordFile, bootstrapPassword + "\n");
        return ["--urls", "https://127.0.0.1:0", "--data", Path.Combine(process.WorkingDirectory, "data"), "--bootstrap-admin-password-file", passwordFile];
    }

    /// <summary>Finishes the first sign-in of <paramref name="upn"/> and returns an access token for the API.</summary>
    public static async Task<string> SignInAsync(RunningServer server, string upn, string bootstrapPassword, string newPassword)
    {
        using var client = server.CreateClient();
        await OkAsync(await client.PostAsJsonAsync("/api/account/password", new { upn, currentPassword = bootstrapPassword, newPassword }));
        var secret = (await OkAsync(await client.PostAsJsonAsync("/api/account/mfa/enroll", new { upn, password = newPassword }))).GetProperty("secret").GetString()!;
        await OkAsync(await client.PostAsJsonAsync("/api/account/mfa/confirm", new { upn, password = newPassword, code = TotpCodes.Next(secret) }));
        var token = await OkAsync(await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "conclave-cli",
            ["username"] = upn,
            ["password"] = newPassword,
            ["totp"] = TotpCodes.Next(secret),
            ["scope"] = "openid api",
        })));
        return token.GetProperty("access_token").GetString()!;
    }

    /// <summary>The answer's JSON (default for an empty body); fails the test with the status and body otherwise.</summary>
    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
