using System.Net;
using System.Net.Sockets;
using Conclave.Cli.Cmdlets;
using Conclave.Client.Auth;

namespace Conclave.Cli.Tests;

public sealed class CliExitCodeTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string[]> Verbs()
    {
        var data = new TheoryData<string[]> { new[] { "--help" }, new[] { "login", "--help" }, new[] { "whoami", "--help" }, new[] { "logout", "--help" }, new[] { "admin", "--help" },
            new[] { "password", "--help" }, new[] { "password", "change", "--help" } };
        foreach (var cmdlet in CmdletCatalog.All)
            data.Add(["admin", cmdlet.Name, "--help"]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Help_OnEveryVerb_ExitsZero_OnStdout(string[] args)
    {
        var run = await _cli.RunAsync(args);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains(args.Length > 1 && args[0] == "admin" && args[1] != "--help" ? "PARAMETERS" : "Usage", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CmdletHelp_ListsEveryParameterAndEnumValues()
    {
        var run = await _cli.RunAsync("admin", "grant-csadminrole", "-?");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("-Identity <String>", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("{GlobalAdministrator | TeamsAdministrator | ComplianceAdministrator}", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("admin", "Remove-Everything")]
    [InlineData("-o", "xml", "whoami")]
    [InlineData("--profile", "../escape", "whoami")]
    [InlineData("login", "--server", "http://127.0.0.1:8443")]
    [InlineData("login", "--server", "https://127.0.0.1:8443", "--password-stdin")]
    [InlineData("login", "--server", "https://127.0.0.1:8443", "--trust-fingerprint", "AB:CD")]
    [InlineData("login", "--server", "https://127.0.0.1:8443", "--ca", "/nonexistent/ca.pem")]
    [InlineData("login", "--server", "https://127.0.0.1:8443", "--totp", "123456")]
    [InlineData("login", "--server", "https://127.0.0.1:8443", "--ca", "x.pem", "--trust-fingerprint", "AB")]
    [InlineData("whoami")]
    [InlineData("admin", "New-CsUser", "-UserPrincipalName", "a@x")]
    [InlineData("admin", "New-CsUser", "-UserPrincipalName", "a@x", "-DisplayName", "A", "-Colour", "red")]
    [InlineData("admin", "Set-CsUser", "a@x", "-Enabled", "maybe")]
    public async Task BadUsage_ExitsTwo_WithAMessageOnStderr(params string[] args)
    {
        var run = await _cli.RunAsync(args);

        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.NotEmpty(run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task BadParameter_IsReportedLikePowerShell_BeforeAnyConnection()
    {
        var run = await _cli.RunAsync("admin", "New-CsUser", "-UserPrincipalName", "a@x", "-DisplayName", "A", "-Kind", "Robot");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("New-CsUser: Cannot validate argument on parameter 'Kind'.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Member,Guest,Federated,Anonymous,Pstn", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Get-CsUzer", "Get-CsUser")]
    [InlineData("get-csonlineusr", "Get-CsOnlineUser")]
    [InlineData("Revoke-CsAdminRol", "Revoke-CsAdminRole")]
    public async Task UnknownCmdlet_SuggestsTheClosest_AndExitsTwo(string typed, string meant)
    {
        var run = await _cli.RunAsync("admin", typed, "-Identity", "a@x");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal($"unknown cmdlet '{typed}'; did you mean {meant}?", run.Stderr.TrimEnd());
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task UnknownCmdlet_FarFromEveryName_PointsToTheList()
    {
        var run = await _cli.RunAsync("--profile", "x", "admin", "Frobnicate-Everything");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith("unknown cmdlet 'Frobnicate-Everything'; 'conclave admin --help' lists them.", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChange_WithoutAProfile_ExitsTwo_SayingToSignInFirst()
    {
        var run = await _cli.RunWithInputAsync("old\nnew\n", "password", "change", "--password-stdin", "--profile", "nobody");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("conclave login", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerDown_ExitsThree()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var login = await _cli.RunWithInputAsync("secret\n", "login", "--server", $"https://127.0.0.1:{port}", "--user", "a@x", "--password-stdin");
        new ProfileStore(_cli.ConfigDirectory).Save(new Profile
        {
            Name = "down",
            ServerUrl = $"https://127.0.0.1:{port}/",
            AccessToken = "at",
            RefreshToken = "rt",
            AccessTokenExpiresAt = DateTimeOffset.MaxValue,
        });
        var whoami = await _cli.RunAsync("--profile", "down", "whoami");
        var admin = await _cli.RunAsync("admin", "Get-CsUser", "--profile", "down");

        Assert.True(login.ExitCode == ExitCodes.Unreachable, login.ToString());
        Assert.True(whoami.ExitCode == ExitCodes.Unreachable, whoami.ToString());
        Assert.True(admin.ExitCode == ExitCodes.Unreachable, admin.ToString());
        Assert.Contains("Cannot reach", whoami.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_ServerDown_ForgetsTheTokensLocally_AndExitsThree()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var store = new ProfileStore(_cli.ConfigDirectory);
        store.Save(new Profile { Name = "gone", ServerUrl = $"https://127.0.0.1:{port}/", AccessToken = "at", RefreshToken = "rt", AccessTokenExpiresAt = DateTimeOffset.MaxValue });

        var run = await _cli.RunAsync("logout", "--profile", "gone");

        Assert.True(run.ExitCode == ExitCodes.Unreachable, run.ToString());
        Assert.Contains("Signed out locally", run.Stderr, StringComparison.Ordinal);
        Assert.False(store.Load("gone")!.IsSignedIn);
    }

    [Fact]
    public async Task DamagedProfile_ExitsTwo_SayingWhichFile()
    {
        var store = new ProfileStore(_cli.ConfigDirectory);
        store.Save(new Profile { Name = "broken", ServerUrl = "https://127.0.0.1:1/" });
        File.WriteAllText(store.PathOf("broken"), "{ not json");

        var run = await _cli.RunAsync("whoami", "--profile", "broken");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("broken.json", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WhenNotSignedIn_ExitsZero()
    {
        var run = await _cli.RunAsync("logout", "--profile", "nobody");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("not signed in", run.Stderr, StringComparison.Ordinal);
    }
}
