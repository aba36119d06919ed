using System.Net;
using System.Net.Sockets;

namespace Conclave.Server.Tests.Hosting;

public sealed class StartupValidationTests
{
    private static async Task AssertRefusedAsync(ServerProcess server, string expected, params string[] args)
    {
        var (exitCode, _, error) = await server.RunToExitAsync(args);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith("conclave-server: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_ExitsNonZero_SayingSo()
    {
        using var server = new ServerProcess();
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;
        await AssertRefusedAsync(server, "already in use", "--urls", $"https://127.0.0.1:{port}");
    }

    [Fact]
    public async Task MediaPortRangeTaken_ExitsNonZero_NamingTheSettings()
    {
        using var server = new ServerProcess();
        using var occupied = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        occupied.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)occupied.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        server.Environment["Conclave__MediaProcessor__ListenAddress"] = "127.0.0.1";
        server.Environment["Conclave__MediaProcessor__MinPort"] = port;
        server.Environment["Conclave__MediaProcessor__MaxPort"] = port;

        await AssertRefusedAsync(server, "media processor's UDP ports", "--urls", "https://127.0.0.1:0");
        var (_, output, error) = await server.RunToExitAsync("--urls", "https://127.0.0.1:0");
        Assert.Contains("Conclave:MediaProcessor:MinPort", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Bootstrap administrator", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableCertificate_ExitsNonZero_NamingIt()
    {
        using var server = new ServerProcess();
        var path = Path.Combine(server.WorkingDirectory, "broken.pfx");
        await File.WriteAllTextAsync(path, "this is not a certificate");
        await AssertRefusedAsync(server, "Cannot read the TLS certificate", "--urls", "https://127.0.0.1:0", "--Conclave:Server:CertificatePath", path);
    }

    [Fact]
    public async Task MalformedConnectionString_ExitsNonZero()
    {
        using var server = new ServerProcess();
        await AssertRefusedAsync(server, "ConnectionString is not valid",
            "--urls", "https://127.0.0.1:0", "--Conclave:Database:Provider", "postgres", "--Conclave:Database:ConnectionString", "Hots=x;Bogus Keyword=1");
    }

    [Fact]
    public async Task UnreachableDatabase_ExitsNonZero()
    {
        using var server = new ServerProcess();
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await AssertRefusedAsync(server, "Cannot open the database",
            "--urls", "https://127.0.0.1:0", "--Conclave:Database:Provider", "postgres",
            "--Conclave:Database:ConnectionString", $"Host=127.0.0.1;Port={port};Username=x;Timeout=3");
    }

    [Fact]
    public async Task UnknownProvider_ExitsNonZero()
    {
        using var server = new ServerProcess();
        await AssertRefusedAsync(server, "'mysql' is not supported", "--urls", "https://127.0.0.1:0", "--Conclave:Database:Provider", "mysql");
    }

    [Fact]
    public async Task EnvironmentWithConclavePrefix_IsRead()
    {
        using var server = new ServerProcess();
        server.Environment["CONCLAVE_DATABASE__PROVIDER"] = "oracle";
        await AssertRefusedAsync(server, "'oracle' is not supported", "--urls", "https://127.0.0.1:0");
    }

    [Fact]
    public async Task PlainHttpUrl_IsRejected()
    {
        using var server = new ServerProcess();
        await AssertRefusedAsync(server, "HTTPS only", "--urls", "http://127.0.0.1:0");
    }

    [Fact]
    public async Task OutOfRangeSetting_ExitsNonZero_NamingIt()
    {
        using var server = new ServerProcess();
        await AssertRefusedAsync(server, "MaxFailedAttempts", "--urls", "https://127.0.0.1:0", "--Conclave:Accounts:MaxFailedAttempts", "0");
    }

    [Fact]
    public async Task FreshStart_CreatesDataFolder_PrintsFingerprintAndPasswordOnce()
    {
        using var server = new ServerProcess();
        var first = await server.RunUntilListeningAsync("--urls", "https://127.0.0.1:0", "--data", "state");
        Assert.Contains("TLS certificate SHA-256 fingerprint: ", first, StringComparison.Ordinal);
        Assert.Contains("Bootstrap administrator: admin@conclave.local", first, StringComparison.Ordinal);
        Assert.Contains("One-time password", first, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(server.WorkingDirectory, "state", "conclave.db")));
        Assert.True(File.Exists(Path.Combine(server.WorkingDirectory, "state", "tls.pfx")));

        var second = await server.RunUntilListeningAsync("--urls", "https://127.0.0.1:0", "--data", "state");
        Assert.DoesNotContain("One-time password", second, StringComparison.Ordinal);
        var fingerprint = (string s) => s.Split('\n').Single(l => l.StartsWith("TLS certificate", StringComparison.Ordinal)).Trim();
        Assert.Equal(fingerprint(first), fingerprint(second));
    }
}
