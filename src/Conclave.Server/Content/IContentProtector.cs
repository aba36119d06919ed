namespace Conclave.Server.Content;

/// <summary>
/// Encrypts content at rest (message bodies now; files, recordings and meeting chat as they come) before it reaches
/// the database or the data folder, so that a copy of either yields no plaintext. One registration picks the
/// implementation: the software one (a key file under the data folder) until the customer-managed keys of the key
/// service replace it (DESIGN.md, "Keys").
/// </summary>
public interface IContentProtector
{
    /// <summary>What backs the keys, for the server's start line and the status cmdlets (e.g. "software (not an HSM)").</summary>
    string Description { get; }

    /// <summary>Encrypts <paramref name="plaintext"/> bound to <paramref name="scope"/>: it decrypts under that scope only.</summary>
    byte[] Protect(ContentScope scope, ReadOnlySpan<byte> plaintext);

    /// <summary>
    /// Decrypts what <see cref="Protect"/> made for the same <paramref name="scope"/>; throws
    /// <see cref="ContentUnreadableException"/> for anything else (another scope, altered bytes, an unknown format or key).
    /// </summary>
    byte[] Unprotect(ContentScope scope, ReadOnlySpan<byte> protectedContent);
}

/// <summary>
/// Where a piece of content belongs: its tenant, its container (a chat, a channel, a file, a recording, a meeting)
/// and its record (a message id). Bound to the ciphertext as associated data, so that ciphertext copied to another
/// record, container or tenant fails to decrypt.
/// </summary>
public sealed record ContentScope(string TenantId, string ContainerKind, Guid ContainerId, Guid RecordId);

/// <summary>Protected content that cannot be decrypted under the scope asked for. Carries no key or content byte.</summary>
public sealed class ContentUnreadableException(string message) : Exception(message);
