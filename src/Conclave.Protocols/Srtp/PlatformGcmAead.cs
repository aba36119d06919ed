using System.Security.Cryptography;

namespace Conclave.Protocols.Srtp;

/// <summary>AES-GCM through <see cref="AesGcm"/> (the platform's OpenSSL), for CPUs without AES-NI and PCLMULQDQ.</summary>
internal sealed class PlatformGcmAead(ReadOnlySpan<byte> key) : IGcmAead
{
    private readonly AesGcm _gcm = new(key, 16);

    public void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> associatedData) =>
        _gcm.Encrypt(nonce, data, data, tag, associatedData);

    public bool Decrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        try
        {
            _gcm.Decrypt(nonce, data, tag, data, associatedData);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            // AesGcm reports a bad tag only by this exception; it becomes the typed error here and goes no further.
            return false;
        }
    }

    public void Dispose() => _gcm.Dispose();
}
