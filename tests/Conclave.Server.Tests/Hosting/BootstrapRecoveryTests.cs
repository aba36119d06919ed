using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conclave.Server.Tests.Hosting;

/// <summary>
/// The bootstrap administrator's one-time password cannot be lost: a failed start creates no account
/// (and says why in one line), and <c>reset-bootstrap</c> issues a new one until the first sign-in.
/// </summary>
public sealed partial class BootstrapRecoveryTests
{
    private const string AdminUpn = "admin@conclave.local";
    private const string NewPassword = "bootstrap-recovered-password";

    [Fact]
    public async Task AFailedStart_PrintsOneLine_CreatesNoAccount_AndTheNextStartPrintsAWorkingPassword()
    {
        using var occupied = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupied.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)occupied.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
        using var server = new ServerProcess();
        server.Environment["Conclave__Relay__UdpPort"] = port;

        var (exitCode, output, error) = await server.RunToExitAsync("--urls", "https://127.0.0.1:0", "--data", "state");

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"conclave-server: UDP port {port} for the TURN relay", line, StringComparison.Ordinal);
        Assert.Contains("is taken: set Conclave:Relay:UdpPort", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Bootstrap administrator", output, StringComparison.Ordinal);

        // The port freed (the relay back on an ephemeral port): this start creates the administrator, as a first one does.
        server.Environment.Remove("Conclave__Relay__UdpPort");
        using var running = await server.StartAsync("--urls", "https://127.0.0.1:0", "--data", "state");
        var password = OneTimePasswordIn(running.StartOutput);
        using var client = running.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, await ChangePasswordAsync(client, password));
    }

    [Fact]
    public async Task ResetBootstrap_BeforeTheFirstSignIn_IssuesAWorkingPassword_AndRefusesOnceSignedIn()
    {
        using var server = new ServerProcess();
        string first;
        using (var running = await server.StartAsync("--urls", "https://127.0.0.1:0", "--data", "state"))
        {
            first = OneTimePasswordIn(running.StartOutput);
        }

        var (exitCode, output, error) = await server.RunToExitAsync("reset-bootstrap", "--data", "state");

        Assert.True(exitCode == 0, error);
        Assert.Contains($"Bootstrap administrator: {AdminUpn}", output, StringComparison.Ordinal);
        var second = OneTimePasswordIn(output);
        Assert.NotEqual(first, second);
        using (var running = await server.StartAsync("--urls", "https://127.0.0.1:0", "--data", "state"))
        {
            Assert.DoesNotContain("one-time password", running.StartOutput, StringComparison.OrdinalIgnoreCase);
            using var client = running.CreateClient();
            Assert.Equal(HttpStatusCode.Forbidden, await ChangePasswordAsync(client, first));
            Assert.Equal(HttpStatusCode.NoContent, await ChangePasswordAsync(client, second));
        }

        var (refusedCode, refusedOutput, refusedError) = await server.RunToExitAsync("reset-bootstrap", "--data", "state");

        Assert.Equal(2, refusedCode);
        var line = Assert.Single(refusedError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"conclave-server: reset-bootstrap: The bootstrap administrator {AdminUpn} has completed its first sign-in", line, StringComparison.Ordinal);
        Assert.DoesNotContain("one-time password", refusedOutput, StringComparison.OrdinalIgnoreCase);
        using (var running = await server.StartAsync("--urls", "https://127.0.0.1:0", "--data", "state"))
        {
            // Refused, it changed nothing: the password chosen at the first sign-in still holds.
            using var client = running.CreateClient();
            using var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "conclave-cli",
                ["username"] = AdminUpn,
                ["password"] = NewPassword,
                ["scope"] = "openid api",
            }));
            var body = await token.Content.ReadFromJsonAsync<JsonElement>();
            // Right password: the administrator is asked to enrol its authenticator, not told the password is wrong.
            Assert.Equal("auth.mfa_enrollment_required", body.GetProperty("conclave_code").GetString());
        }
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ResetBootstrap_WithAPasswordFile_WritesTheNewPasswordThere_OwnerOnly_AndPrintsNone()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        using var server = new ServerProcess();
        using (await server.StartAsync("--urls", "https://127.0.0.1:0", "--data", "state"))
        {
        }

        var file = Path.Combine(server.WorkingDirectory, "admin-password");
        var (exitCode, output, error) = await server.RunToExitAsync("reset-bootstrap", "--data", "state", "--bootstrap-admin-password-file", file);

        Assert.True(exitCode == 0, error);
        var password = (await File.ReadAllTextAsync(file)).TrimEnd('\n');
        Assert.Equal(20, password.Length);
        Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        Assert.Contains($"written to {file}", output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        using var running = await server.StartAsync("--urls", "https://127.0.0.1:0", "--data", "state");
        using var client = running.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, await ChangePasswordAsync(client, password));
    }

    private static async Task<HttpStatusCode> ChangePasswordAsync(HttpClient client, string current)
    {
        using var response = await client.PostAsJsonAsync("/api/account/password", new { upn = AdminUpn, currentPassword = current, newPassword = NewPassword });
        return response.StatusCode;
    }

    private static string OneTimePasswordIn(string output)
    {
        var match = OneTimePasswordLine().Match(output);
        Assert.True(match.Success, output);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"one-time password \(shown once; change it at first sign-in\): (\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex OneTimePasswordLine();
}
