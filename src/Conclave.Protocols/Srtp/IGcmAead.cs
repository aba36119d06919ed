namespace Conclave.Protocols.Srtp;

/// <summary>AES-GCM with a 12-byte nonce and a 16-byte tag, in place: what SRTP's AEAD profiles need (RFC 7714 §5).</summary>
internal interface IGcmAead : IDisposable
{
    void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> associatedData);

    /// <summary>Verifies the tag first and decrypts only when it matches; never throws on a bad tag.</summary>
    bool Decrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData);
}
