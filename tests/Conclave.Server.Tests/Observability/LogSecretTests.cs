using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conclave.Server.Relay;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Observability;

/// <summary>
/// Every log line the server writes at every level, Trace included and whatever the category, during a
/// sign-in with password and TOTP, a token refresh, a call with SDP over the hub, a policy change and an
/// app registration's secret: none carries a password, TOTP code or key, token, client secret or TURN password.
/// </summary>
public sealed class LogSecretTests(ObservabilityServerFixture server) : IClassFixture<ObservabilityServerFixture>
{
    private const string Password = "member-password-123";
    private const string Fingerprint = "a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3F:F4:4C:F3:44:66:2B:13:E7:16:18:17";

    [Fact]
    public async Task Logs_DuringSignInRefreshCallPolicyChangeAndAppSecret_CarryNoSecret()
    {
        var secrets = new List<string> { server.BootstrapPassword, ServerFixture.AdminNewPassword, Password };

        // Sign-in with password and TOTP, then a refresh.
        var totpKey = await server.AdminTotpSecretAsync();
        secrets.Add(totpKey);
        var code = ServerFixture.Totp(totpKey);
        secrets.Add(code);
        var signedIn = await server.PasswordGrantAsync(ServerFixture.AdminUpn, ServerFixture.AdminNewPassword, code);
        Assert.True(signedIn.Succeeded, signedIn.ToString());
        secrets.Add(signedIn.AccessToken);
        secrets.Add(signedIn.RefreshToken!);
        var refreshed = await server.RefreshAsync(signedIn.RefreshToken!);
        Assert.True(refreshed.Succeeded, refreshed.ToString());
        secrets.Add(refreshed.AccessToken);
        secrets.Add(refreshed.RefreshToken!);
        var admin = refreshed.AccessToken;

        // A policy change.
        using (var created = await server.PostJsonAsync(
            "/api/admin/policies/TeamsEnhancedEncryptionPolicy",
            new { identity = $"Tag:{ServerFixture.UniqueName("Logged")}", parameters = new { CallingEndtoEndEncryptionEnabledType = "EnabledUserOverride" } },
            admin))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // An app registration, its secret, and a client-credentials token.
        using (var app = await server.PostJsonAsync("/api/admin/apps", new { displayName = "logged app", roles = Array.Empty<string>() }, admin))
        {
            Assert.Equal(HttpStatusCode.Created, app.StatusCode);
            var body = await app.Content.ReadFromJsonAsync<JsonElement>();
            var clientId = body.GetProperty("clientId").GetString()!;
            var clientSecret = body.GetProperty("clientSecret").GetString()!;
            secrets.Add(clientSecret);
            var appToken = await server.TokenAsync(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["scope"] = "api",
            });
            Assert.True(appToken.Succeeded, appToken.ToString());
            secrets.Add(appToken.AccessToken);
        }

        // A call over the hub: TURN credentials, ring, answer, an SDP each way, hang up.
        var aliceUpn = await server.CreateUserAsync(ServerFixture.UniqueName("alice"), Password);
        var bobUpn = await server.CreateUserAsync(ServerFixture.UniqueName("bob"), Password);
        var alice = await server.SignInAsync(aliceUpn, Password);
        var bob = await server.SignInAsync(bobUpn, Password);
        secrets.Add(alice);
        secrets.Add(bob);
        await HubPeer.RequireE2eeAsync(server, aliceUpn, bobUpn);
        using (var client = server.CreateClient(alice))
        {
            secrets.Add((await client.GetFromJsonAsync<JsonElement>(RelayEndpoints.CredentialsPath)).GetProperty("password").GetString()!);
        }

        await using (var caller = await HubPeer.ConnectAsync(server, alice))
        await using (var callee = await HubPeer.ConnectAsync(server, bob))
        {
            var placed = await caller.PlaceAsync(bobUpn);
            secrets.AddRange(placed.GetProperty("iceServers").EnumerateArray()
                .Select(s => s.GetProperty("credential")).Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!));
            var callId = await callee.AnswerNextAsync();
            await caller.SendDescriptionAsync(callId, "offer", Sdp("1"));
            Assert.Contains(Fingerprint, await callee.NextDescriptionAsync(), StringComparison.Ordinal);
            await callee.SendDescriptionAsync(callId, "answer", Sdp("2"));
            Assert.Contains(Fingerprint, await caller.NextDescriptionAsync(), StringComparison.Ordinal);
            await caller.HangUpAsync(callId);
        }

        var lines = server.Logs.Lines;
        Assert.Contains(server.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Trace);
        Assert.Contains(lines, l => l.Contains("Conclave.Server.Calls", StringComparison.Ordinal));
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct())
        {
            // A TOTP code is six digits: only a run of exactly those digits is that code.
            var pattern = secret.All(char.IsAsciiDigit) ? $"(?<![0-9]){secret}(?![0-9])" : Regex.Escape(secret);
            var leaked = lines.FirstOrDefault(l => Regex.IsMatch(l, pattern));
            Assert.True(leaked is null, $"a secret ({secret.Length} characters) appears in the log line: {leaked}");
        }
    }

    private static string Sdp(string session) =>
        $"v=0\r\no=- {session} 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\n{Fingerprint}\r\na=setup:actpass\r\na=mid:0\r\n";
}
