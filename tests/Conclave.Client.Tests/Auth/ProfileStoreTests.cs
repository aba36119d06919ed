using Conclave.Client.Auth;

namespace Conclave.Client.Tests.Auth;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]

public sealed class ProfileStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("conclave-profiles-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Profile Sample(string name, string token = "access-1") => new Profile
    {
        Name = name,
        ServerUrl = "https://127.0.0.1:8443/",
        CertificateSha256 = string.Join(':', Enumerable.Repeat("AB", 32)),
        Upn = name + "@conclave.local",
    }.WithTokens(new TokenSet(token, "refresh-1", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));

    [Fact]
    public void Save_CreatesOwnerOnlyDirectoriesAndFile()
    {
        var store = new ProfileStore(Path.Combine(_root, "config"));

        store.Save(Sample("default"));

        Assert.Equal(ProfileStore.DirectoryMode, File.GetUnixFileMode(store.Directory));
        Assert.Equal(ProfileStore.DirectoryMode, File.GetUnixFileMode(Path.GetDirectoryName(store.PathOf("default"))!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PathOf("default")));
    }

    [Fact]
    public void Save_Again_ReplacesAtomically_KeepsOwnerOnly_LeavesNoTemporaryFile()
    {
        var store = new ProfileStore(_root);
        store.Save(Sample("default", "access-1"));

        store.Save(Sample("default", "access-2"));

        Assert.Equal("access-2", store.Load("default")!.AccessToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.PathOf("default")));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(store.PathOf("default"))!));
    }

    [Fact]
    public void Load_ReturnsEverySavedField()
    {
        var store = new ProfileStore(_root);
        var saved = Sample("alice");

        store.Save(saved);

        Assert.Equal(saved, store.Load("alice"));
    }

    [Fact]
    public void File_HoldsEachTokenOnce_AndNoDerivedFields()
    {
        var store = new ProfileStore(_root);
        store.Save(Sample("alice", "access-token-value"));

        var text = File.ReadAllText(store.PathOf("alice"));

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "access-token-value"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "refresh-1"));
        Assert.DoesNotContain("isSignedIn", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Profiles_LiveSideBySide()
    {
        var store = new ProfileStore(_root);
        store.Save(Sample("alice", "token-a"));
        store.Save(Sample("bob", "token-b"));

        Assert.Equal(["alice", "bob"], store.List());
        Assert.Equal("token-a", store.Load("alice")!.AccessToken);
        Assert.Equal("token-b", store.Load("bob")!.AccessToken);
        Assert.True(store.Delete("alice"));
        Assert.Null(store.Load("alice"));
        Assert.NotNull(store.Load("bob"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("with space")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void InvalidName_IsRefused(string name)
    {
        Assert.False(ProfileStore.IsValidName(name));
        Assert.Throws<ArgumentException>(() => new ProfileStore(_root).PathOf(name));
    }

    [Fact]
    public void DefaultDirectory_PrefersTheConfigVariable()
    {
        Assert.Equal("/x/conclave-config", ProfileStore.DefaultDirectory(v => v == ProfileStore.ConfigDirectoryVariable ? "/x/conclave-config" : null));
        Assert.Equal(Path.Combine("/xdg", "conclave"), ProfileStore.DefaultDirectory(v => v == "XDG_CONFIG_HOME" ? "/xdg" : null));
    }
}
