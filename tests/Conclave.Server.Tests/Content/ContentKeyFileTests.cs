using System.Runtime.Versioning;
using System.Security.Cryptography;
using Conclave.Server.Content;
using Conclave.Server.Hosting;

namespace Conclave.Server.Tests.Content;

/// <summary>The master key file: made owner-only at first start, the same key at every start after, never replaced.</summary>
public sealed class ContentKeyFileTests : IDisposable
{
    private static readonly ContentScope Scope = new("contoso", "chat", Guid.NewGuid(), Guid.NewGuid());

    private readonly string _dataPath = System.IO.Directory.CreateTempSubdirectory("conclave-content-").FullName;

    private string KeyPath => Path.Combine(_dataPath, "keys", "content.key");

    public void Dispose() => System.IO.Directory.Delete(_dataPath, recursive: true);

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public void FirstOpen_WritesA256BitKey_OwnerOnly_InAnOwnerOnlyFolder()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");

        using (SoftwareContentProtector.Open(_dataPath))
        {
        }

        Assert.Equal(32, new FileInfo(KeyPath).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeyPath)!));
        Assert.Equal(KeyPath, Assert.Single(System.IO.Directory.GetFiles(Path.GetDirectoryName(KeyPath)!)));
    }

    [Fact]
    public void NextOpen_ReusesTheKey_SoEarlierContentStillDecrypts()
    {
        byte[] protectedContent;
        using (var first = SoftwareContentProtector.Open(_dataPath))
        {
            protectedContent = first.Protect(Scope, "kept across restarts"u8);
        }

        var keyBefore = File.ReadAllBytes(KeyPath);

        using var second = SoftwareContentProtector.Open(_dataPath);

        Assert.Equal("kept across restarts"u8.ToArray(), second.Unprotect(Scope, protectedContent));
        Assert.Equal(keyBefore, File.ReadAllBytes(KeyPath));
    }

    [Fact]
    public void TwoDataFolders_HaveDifferentKeys()
    {
        var other = System.IO.Directory.CreateTempSubdirectory("conclave-content-").FullName;
        try
        {
            using var first = SoftwareContentProtector.Open(_dataPath);
            using var second = SoftwareContentProtector.Open(other);

            Assert.Throws<ContentUnreadableException>(() => second.Unprotect(Scope, first.Protect(Scope, "hello"u8)));
        }
        finally
        {
            System.IO.Directory.Delete(other, recursive: true);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(44)] // the 32 bytes written as base64 text, as the token key is
    public void KeyFileOfWrongLength_RefusesToStart_AndIsLeftAlone(int length)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        var content = RandomNumberGenerator.GetBytes(length);
        File.WriteAllBytes(KeyPath, content);

        var error = Assert.Throws<StartupException>(() => SoftwareContentProtector.Open(_dataPath));

        Assert.Contains($"is {length} bytes, not 32", error.Message, StringComparison.Ordinal);
        Assert.Contains(KeyPath, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllBytes(KeyPath));
    }

    [Fact]
    public void LeftoverFromACrashedFirstStart_IsReplaced()
    {
        // A start that died between writing the pending file and moving it into place protected nothing yet.
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        File.WriteAllBytes(KeyPath + ".new", new byte[5]);

        using (SoftwareContentProtector.Open(_dataPath))
        {
        }

        Assert.Equal(32, new FileInfo(KeyPath).Length);
        Assert.False(File.Exists(KeyPath + ".new"));
    }
}
