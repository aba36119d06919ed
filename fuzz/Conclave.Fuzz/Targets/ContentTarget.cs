using Conclave.Server.Content;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// Content protection at rest under a fixed master key: the bytes as stored content (Unprotect may only
/// answer with the plaintext or <see cref="ContentUnreadableException"/>), then as a body (it must round-trip,
/// and fail to decrypt with one bit of its protected form flipped or under another record's scope).
/// The corpus was protected under <see cref="MasterKey"/> and <see cref="Scope"/>, so mutations reach past
/// the length and version checks into the tag check.
/// </summary>
public sealed class ContentTarget : IFuzzTarget
{
    public string Name => "content";

    /// <summary>The fixed master key the corpus was protected with: bytes 1 to 32.</summary>
    public static byte[] MasterKey { get; } = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static ContentScope Scope { get; } = new(
        "contoso", "chat", Guid.Parse("0b6c3a9e-45d2-4f31-9a57-1f0c2f8c7e11"), Guid.Parse("5f1b8a2d-6c3e-4d7a-8b9f-2e4a6c8d0f13"));

    private static readonly ContentScope OtherRecord = Scope with { RecordId = Guid.Parse("5f1b8a2d-6c3e-4d7a-8b9f-2e4a6c8d0f14") };

    private static readonly SoftwareContentProtector Protector = new(MasterKey);

    public void Run(ReadOnlySpan<byte> data)
    {
        try
        {
            Protector.Unprotect(Scope, data);
        }
        catch (ContentUnreadableException)
        {
            // The one answer to bytes that are not content protected under this scope.
        }

        var sealedBody = Protector.Protect(Scope, data);
        if (!Protector.Unprotect(Scope, sealedBody).AsSpan().SequenceEqual(data))
        {
            throw new InvalidOperationException("protect then unprotect changed the body");
        }

        MustBeUnreadable(OtherRecord, sealedBody, "under another record's scope");
        var at = data.IsEmpty ? 0 : (data[0] * 31 + data.Length) % sealedBody.Length;
        sealedBody[at] ^= (byte)(1 << (data.Length & 7));
        MustBeUnreadable(Scope, sealedBody, $"with byte {at} altered");
    }

    private static void MustBeUnreadable(ContentScope scope, byte[] protectedContent, string how)
    {
        try
        {
            Protector.Unprotect(scope, protectedContent);
        }
        catch (ContentUnreadableException)
        {
            return;
        }

        throw new InvalidOperationException($"protected content decrypted {how}");
    }
}
