using Conclave.Server.Tests.Hosting;

namespace Conclave.Server.Tests.Content;

/// <summary>The content protector as the operator meets it: the server's start line, and a damaged key stopping the start.</summary>
public sealed class ContentProtectionStartTests
{
    private static readonly string[] Args =
        ["--urls", "https://127.0.0.1:0", "--data", "state", "--Conclave:Relay:ListenAddress", "127.0.0.1", "--Conclave:Relay:UdpPort", "0"];

    [Fact]
    public async Task Start_SaysWhatProtectsContent_AndKeepsItsKeyAcrossRestarts()
    {
        using var server = new ServerProcess();

        var first = await server.RunUntilListeningAsync(Args);
        var keyPath = Path.Combine(server.WorkingDirectory, "state", "keys", "content.key");
        var key = await File.ReadAllBytesAsync(keyPath);
        var second = await server.RunUntilListeningAsync(Args);

        Assert.Contains("Content at rest protected by: software key file (not an HSM)", first, StringComparison.Ordinal);
        Assert.Contains("Content at rest protected by: software key file (not an HSM)", second, StringComparison.Ordinal);
        Assert.Equal(32, key.Length);
        Assert.Equal(key, await File.ReadAllBytesAsync(keyPath));
    }

    [Fact]
    public async Task KeyFileOfWrongLength_StopsTheStart_NamingTheFile()
    {
        using var server = new ServerProcess();
        var keys = Path.Combine(server.WorkingDirectory, "state", "keys");
        System.IO.Directory.CreateDirectory(keys);
        await File.WriteAllBytesAsync(Path.Combine(keys, "content.key"), new byte[16]);

        var (exitCode, output, error) = await server.RunToExitAsync(Args);

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith("conclave-server: ", error, StringComparison.Ordinal);
        Assert.Contains("content.key' is 16 bytes, not 32", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening on", output, StringComparison.Ordinal);
    }
}
