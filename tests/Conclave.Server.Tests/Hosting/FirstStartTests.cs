using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace Conclave.Server.Tests.Hosting;

/// <summary>What a first start leaves behind: owner-only files, and a clean log.</summary>
public sealed class FirstStartTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void FirstStart_EveryFileAndFolderInTheDataFolder_IsOwnerOnly()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        var data = Path.Combine(server.DataPath, "data");
        var files = System.IO.Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        var folders = System.IO.Directory.GetDirectories(data, "*", SearchOption.AllDirectories).Append(data).ToArray();

        // The secrets a first start writes: TLS key, token keys, the content key, the data-protection key ring, the database.
        Assert.Contains(files, f => Path.GetFileName(f) == "tls.pfx");
        Assert.Contains(files, f => Path.GetFileName(f) == "token-signing.pem");
        Assert.Contains(files, f => Path.GetFileName(f) == "token-encryption.key");
        Assert.Contains(files, f => Path.GetFileName(f) == "content.key");
        Assert.Contains(files, f => Path.GetFileName(f).StartsWith("key-", StringComparison.Ordinal) && f.EndsWith(".xml", StringComparison.Ordinal));
        Assert.Contains(files, f => Path.GetFileName(f) == "conclave.db");
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == OwnerReadWrite, $"{f}: {File.GetUnixFileMode(f)}"));
        Assert.All(folders, d => Assert.True(File.GetUnixFileMode(d) == OwnerOnlyFolder, $"{d}: {File.GetUnixFileMode(d)}"));
    }

    [Fact]
    public void FirstStart_LogsNoWarnings()
    {
        var warnings = server.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Text).ToList();

        Assert.NotEmpty(server.Logs.Entries);
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    [Fact]
    public async Task UrlsWithEqualsSign_IsTheOnlyEndpoint_AndLogsNoWarnings()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("conclave-urls-").FullName;
        var logs = new CapturedLogs();
        try
        {
            await using var started = await Conclave.Server.ConclaveServer.StartAsync(
                // The relay on an ephemeral loopback port: a second server in this process must not clash on 3478.
                ["--urls=https://127.0.0.1:0", "--data", Path.Combine(root, "data"), "--Conclave:Relay:ListenAddress", "127.0.0.1", "--Conclave:Relay:UdpPort", "0"],
                TextWriter.Null,
                builder => builder.Logging.AddProvider(logs),
                CancellationToken.None);

            var address = Assert.Single(started.Addresses);
            Assert.Equal("https", address.Scheme);
            Assert.Equal("127.0.0.1", address.Host);
            Assert.NotEqual(0, address.Port);
            Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
        }
        finally
        {
            System.IO.Directory.Delete(root, recursive: true);
        }
    }
}
