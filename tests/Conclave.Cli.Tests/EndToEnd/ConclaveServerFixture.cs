using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>
/// The shared <see cref="TestHost"/> on the TOTP clock, with the server's certificate in a PEM file, plus what
/// the tests need to act as its users through the <c>conclave</c> command.
/// </summary>
public partial class ConclaveServerFixture : TestHost
{
    public const string AdminPassword = AdminNewPassword;

    private readonly SemaphoreSlim _bootstrapGate = new(1, 1);
    private CliRun? _bootstrapRun;

    public string Url => BaseAddress.GetLeftPart(UriPartial.Authority);

    public string CertificatePemFile => Path.Combine(DataPath, "server.pem");

    /// <summary>The administrator's TOTP secret once enrolled (by the first bootstrap login).</summary>
    public string? AdminTotpSecret { get; set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await File.WriteAllTextAsync(CertificatePemFile, Server.Certificate.ExportCertificatePem());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        BootstrapCli.Dispose();
        _bootstrapGate.Dispose();
    }

    /// <summary>A code the server, on <see cref="TotpClock"/>, has not accepted yet: this host's clock, not the system's.</summary>
    public static new string Totp(string secret) => TotpClock.Shared.NextCode(secret);

    protected override void Configure(WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(TotpClock.Shared);

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
