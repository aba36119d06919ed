using System.Security.Cryptography;
using System.Text;
using Conclave.Server.Content;

namespace Conclave.Server.Tests.Content;

public sealed class SoftwareContentProtectorTests : IDisposable
{
    private static readonly ContentScope Scope = new(
        "contoso", "chat", Guid.Parse("0b6c3a9e-45d2-4f31-9a57-1f0c2f8c7e11"), Guid.Parse("5f1b8a2d-6c3e-4d7a-8b9f-2e4a6c8d0f13"));

    private readonly SoftwareContentProtector _protector = new(RandomNumberGenerator.GetBytes(32));

    public void Dispose() => _protector.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(1024 * 1024)]
    public void Protect_ThenUnprotect_GivesThePlaintextBack(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);

        var protectedContent = _protector.Protect(Scope, plaintext);

        Assert.Equal(SoftwareContentProtector.Overhead + length, protectedContent.Length);
        Assert.Equal(SoftwareContentProtector.Version, protectedContent[0]);
        Assert.Equal(plaintext, _protector.Unprotect(Scope, protectedContent));
    }

    [Fact]
    public void Protect_DoesNotLeaveThePlaintextInTheOutput()
    {
        var plaintext = Encoding.UTF8.GetBytes("the quarterly figures are in the usual folder");

        var protectedContent = _protector.Protect(Scope, plaintext);

        Assert.Equal(-1, protectedContent.AsSpan().IndexOf(plaintext.AsSpan(0, 8)));
    }

    [Fact]
    public void Protect_SamePlaintextTwice_GivesDifferentBytes()
    {
        var plaintext = Encoding.UTF8.GetBytes("hello");

        var first = _protector.Protect(Scope, plaintext);
        var second = _protector.Protect(Scope, plaintext);

        Assert.NotEqual(first.AsSpan(1, SoftwareContentProtector.NonceLength).ToArray(), second.AsSpan(1, SoftwareContentProtector.NonceLength).ToArray());
        Assert.NotEqual(first, second);
        Assert.Equal(plaintext, _protector.Unprotect(Scope, second));
    }

    public static TheoryData<string, ContentScope> OtherScopes => new()
    {
        { "tenant", Scope with { TenantId = "fabrikam" } },
        { "tenant case", Scope with { TenantId = "Contoso" } },
        { "kind", Scope with { ContainerKind = "channel" } },
        { "container", Scope with { ContainerId = Guid.Parse("0b6c3a9e-45d2-4f31-9a57-1f0c2f8c7e12") } },
        { "record", Scope with { RecordId = Guid.Parse("5f1b8a2d-6c3e-4d7a-8b9f-2e4a6c8d0f14") } },
        // The length prefixes: the same characters split differently between tenant and kind.
        { "tenant/kind boundary", Scope with { TenantId = "contosoc", ContainerKind = "hat" } },
        { "container/record swapped", Scope with { ContainerId = Scope.RecordId, RecordId = Scope.ContainerId } },
    };

    [Theory]
    [MemberData(nameof(OtherScopes))]
    public void Unprotect_UnderAnotherScope_IsUnreadable(string changed, ContentScope other)
    {
        var protectedContent = _protector.Protect(Scope, "hello"u8);

        var error = Record.Exception(() => _protector.Unprotect(other, protectedContent));

        Assert.True(error is ContentUnreadableException, $"with the {changed} changed: {error?.GetType().Name ?? "it decrypted"}");
        Assert.Contains("does not decrypt", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_OneFlippedBitAnywhere_IsUnreadable()
    {
        var protectedContent = _protector.Protect(Scope, "meet at noon"u8);

        for (var bit = 0; bit < protectedContent.Length * 8; bit++)
        {
            var altered = (byte[])protectedContent.Clone();
            altered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<ContentUnreadableException>(() => _protector.Unprotect(Scope, altered));
        }
    }

    [Fact]
    public void Unprotect_TruncatedOrExtended_IsUnreadable()
    {
        var protectedContent = _protector.Protect(Scope, "meet at noon"u8);

        for (var length = 0; length < protectedContent.Length; length++)
        {
            Assert.Throws<ContentUnreadableException>(() => _protector.Unprotect(Scope, protectedContent.AsSpan(0, length)));
        }

        Assert.Throws<ContentUnreadableException>(() => _protector.Unprotect(Scope, [.. protectedContent, 0]));
    }

    [Fact]
    public void Unprotect_ShorterThanHeaderAndTag_SaysSo()
    {
        var error = Assert.Throws<ContentUnreadableException>(() => _protector.Unprotect(Scope, new byte[SoftwareContentProtector.Overhead - 1]));

        Assert.Contains("shorter than", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Unprotect_UnknownVersion_IsUnreadable(byte version)
    {
        var protectedContent = _protector.Protect(Scope, "hello"u8);
        protectedContent[0] = version;

        var error = Assert.Throws<ContentUnreadableException>(() => _protector.Unprotect(Scope, protectedContent));
        Assert.Contains($"version {version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_UnderAnotherMasterKey_IsUnreadable()
    {
        using var other = new SoftwareContentProtector(RandomNumberGenerator.GetBytes(32));

        Assert.Throws<ContentUnreadableException>(() => other.Unprotect(Scope, _protector.Protect(Scope, "hello"u8)));
    }

    [Fact]
    public void ScopeTooLongToEncode_IsRefusedByProtect_AndUnreadable()
    {
        var tooLong = Scope with { TenantId = new string('t', SoftwareContentProtector.MaxScopeStringLength + 1) };
        var longest = Scope with { TenantId = new string('t', SoftwareContentProtector.MaxScopeStringLength) };

        Assert.Throws<ArgumentException>(() => _protector.Protect(tooLong, "x"u8));
        Assert.Throws<ContentUnreadableException>(() => _protector.Unprotect(tooLong, new byte[64]));
        Assert.Equal("x"u8.ToArray(), _protector.Unprotect(longest, _protector.Protect(longest, "x"u8)));
    }

    [Fact]
    public void LoneSurrogates_AreDistinctScopes()
    {
        // UTF-8 would turn both into U+FFFD and give them one key; UTF-16 code units keep them apart.
        var high = Scope with { TenantId = "t\uD800" };
        var replacement = Scope with { TenantId = "t\uFFFD" };

        Assert.Throws<ContentUnreadableException>(() => _protector.Unprotect(replacement, _protector.Protect(high, "x"u8)));
    }

    [Fact]
    public void Disposed_RefusesToWork()
    {
        var protector = new SoftwareContentProtector(RandomNumberGenerator.GetBytes(32));
        var protectedContent = protector.Protect(Scope, "hello"u8);

        protector.Dispose();

        Assert.Throws<ObjectDisposedException>(() => protector.Protect(Scope, "hello"u8));
        Assert.Throws<ObjectDisposedException>(() => protector.Unprotect(Scope, protectedContent));
    }

    [Fact]
    public void MasterKeyOfWrongLength_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new SoftwareContentProtector(new byte[31]));

    [Fact]
    public void Description_SaysItIsNoHsm() =>
        Assert.Equal("software key file (not an HSM)", _protector.Description);
}
