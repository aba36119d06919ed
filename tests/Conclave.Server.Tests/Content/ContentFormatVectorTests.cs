using System.Text;
using Conclave.Server.Content;

namespace Conclave.Server.Tests.Content;

/// <summary>
/// Known answers for the stored format (docs/security.md, "Content at rest"), computed with an independent
/// implementation (Python's hmac and cryptography's AESGCM) from the written description: HKDF-SHA256 with
/// no salt and info = "conclave-content-key-v1" ‖ tenant ‖ kind ‖ container id; AES-256-GCM with associated
/// data "conclave-content-record-v1" ‖ 0x01 ‖ tenant ‖ kind ‖ container id ‖ record id; strings as a 32-bit
/// big-endian byte count and UTF-16LE code units, ids as their 16 big-endian bytes.
/// </summary>
public sealed class ContentFormatVectorTests
{
    private static readonly byte[] MasterKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static readonly ContentScope Scope = new(
        "contoso", "chat", Guid.Parse("0b6c3a9e-45d2-4f31-9a57-1f0c2f8c7e11"), Guid.Parse("5f1b8a2d-6c3e-4d7a-8b9f-2e4a6c8d0f13"));

    /// <summary>"Hello, Conclave." under nonce b0…bb.</summary>
    private static readonly byte[] Hello = Convert.FromHexString(
        "01b0b1b2b3b4b5b6b7b8b9babb8f31aeed90a6a59300ed1ad3a909b6ac887c6980e4612b830171632be4bd86b9");

    [Fact]
    public void IndependentlyMadeContent_Decrypts()
    {
        using var protector = new SoftwareContentProtector(MasterKey);

        Assert.Equal("Hello, Conclave.", Encoding.UTF8.GetString(protector.Unprotect(Scope, Hello)));
    }

    [Fact]
    public void FuzzCorpus_DecryptsUnderTheHarnessKeyAndScope()
    {
        using var protector = new SoftwareContentProtector(MasterKey);
        var corpus = Path.Combine(RepositoryFolder.Root, "fuzz", "corpus", "content");

        var files = System.IO.Directory.GetFiles(corpus);

        Assert.NotEmpty(files);
        Assert.All(files, f => protector.Unprotect(Scope, File.ReadAllBytes(f)));
    }
}
