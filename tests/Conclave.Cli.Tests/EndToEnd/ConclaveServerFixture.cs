using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conclave.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>
/// The real Conclave server on an ephemeral HTTPS port on 127.0.0.1, with a temp data folder and a bootstrap
/// password file, plus what the tests need to act as its users.
/// </summary>
public partial class ConclaveServerFixture : IAsyncLifetime
{
    public const string Domain = "conclave.test";
    public const string AdminUpn = "admin@" + Domain;
    public const string AdminPassword = "admin-correct-horse-battery";

    private readonly string _root = Directory.CreateTempSubdirectory("conclave-cli-e2e-").FullName;
    private readonly SemaphoreSlim _bootstrapGate = new(1, 1);
    private CliRun? _bootstrapRun;

    public string BootstrapPassword { get; } = "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    internal ConclaveServer Server { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string Url => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The server certificate's SHA-256 fingerprint, colon-separated upper-case hex.</summary>
    public string Fingerprint { get; private set; } = "";

    public string CertificatePemFile => Path.Combine(_root, "server.pem");

    /// <summary>The administrator's TOTP secret once enrolled (by the first bootstrap login).</summary>
    public string? AdminTotpSecret { get; set; }

    public async Task InitializeAsync()
    {
        var passwordFile = Path.Combine(_root, "bootstrap-password");
        await File.WriteAllTextAsync(passwordFile, BootstrapPassword + "\n");
        Server = await ConclaveServer.StartAsync(
            ["--urls", "https://127.0.0.1:0", "--data", Path.Combine(_root, "data"), "--bootstrap-admin-password-file", passwordFile],
            TextWriter.Null,
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(TotpClock.Shared);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Conclave:Tenant:Domain"] = Domain,
                    // Fewer PBKDF2 iterations keep sign-ins fast in tests; production keeps the default.
                    ["Conclave:Accounts:PasswordHashIterations"] = "1000",
                    ["Conclave:Throttling:PermitsPerAddress"] = "10000",
                    ["Conclave:Throttling:PermitsPerSubnet"] = "10000",
                    ["Conclave:Throttling:PermitsPerAccount"] = "10000",
                    // The in-process TURN relay on an ephemeral loopback port, so parallel servers never clash on 3478.
                    ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
                    ["Conclave:Relay:UdpPort"] = "0",
                });
            },
            CancellationToken.None);
        BaseAddress = Server.Addresses[0];
        Fingerprint = string.Join(':', Server.Certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        await File.WriteAllTextAsync(CertificatePemFile, Server.Certificate.ExportCertificatePem());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        BootstrapCli.Dispose();
        _bootstrapGate.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A code the server has not accepted yet (see <see cref="TotpClock"/>).</summary>
    public static string Totp(string secret) => TotpClock.Shared.NextCode(secret);

    /// <summary>
    /// The person at the keyboard during the bootstrap administrator's first login: the one-time password on
    /// stdin, a new password twice, then the code of the secret the command just showed.
    /// </summary>
    internal string? AnswerBootstrapPrompt(string shown)
    {
        var prompt = shown.Split('\n')[^1];
        if (prompt.StartsWith("New password", StringComparison.Ordinal) || prompt.StartsWith("Repeat the new password", StringComparison.Ordinal))
            return AdminPassword;
        if (prompt.StartsWith("Enter the 6-digit code", StringComparison.Ordinal))
        {
            AdminTotpSecret = OtpauthSecret().Match(shown).Groups[1].Value;
            return Totp(AdminTotpSecret);
        }
        if (prompt.StartsWith("Authenticator code", StringComparison.Ordinal))
            return Totp(AdminTotpSecret!);
        return prompt.Length == 0 ? BootstrapPassword : null;
    }

    /// <summary>The configuration folder of the first administrator login.</summary>
    internal CliHarness BootstrapCli { get; } = new();

    /// <summary>
    /// The bootstrap administrator's first <c>conclave login</c> (password change and TOTP enrolment), run once
    /// whichever test needs it first, and its outcome.
    /// </summary>
    internal async Task<CliRun> BootstrapAdminAsync()
    {
        await _bootstrapGate.WaitAsync();
        try
        {
            _bootstrapRun ??= await CliSession.RunAsync(
                BootstrapCli, AnswerBootstrapPrompt, "login", "--server", Url, "--user", AdminUpn, "--password-stdin", "--profile", "admin");
            return _bootstrapRun;
        }
        finally
        {
            _bootstrapGate.Release();
        }
    }

    /// <summary>Signs the administrator in on a profile of <paramref name="cli"/> with password and TOTP.</summary>
    internal async Task<CliRun> SignInAdminAsync(CliHarness cli, string profile = "admin")
    {
        var bootstrap = await BootstrapAdminAsync();
        Assert.True(bootstrap.ExitCode == ExitCodes.Ok, bootstrap.ToString());
        return await cli.RunWithInputAsync(AdminPassword + "\n", "login", "--server", Url, "--user", AdminUpn, "--password-stdin", "--totp", Totp(AdminTotpSecret!), "--profile", profile);
    }

    /// <summary>Runs an admin cmdlet as the administrator with <c>-o json</c> and parses stdout.</summary>
    internal static async Task<(CliRun Run, JsonElement Json)> AdminJsonAsync(CliHarness cli, params string[] args)
    {
        var run = await cli.RunAsync([.. args, "-o", "json", "--profile", "admin"]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return (run, string.IsNullOrWhiteSpace(run.Stdout) ? default : JsonDocument.Parse(run.Stdout).RootElement.Clone());
    }

    [GeneratedRegex("secret=([A-Z2-7]+)")]
    private static partial Regex OtpauthSecret();
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<ConclaveServerFixture>
{
    public const string Name = "conclave server";
}
