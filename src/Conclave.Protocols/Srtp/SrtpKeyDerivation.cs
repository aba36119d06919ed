namespace Conclave.Protocols.Srtp;

/// <summary>
/// The SRTP key derivation of RFC 3711 §4.3 with key_derivation_rate 0 (the only rate DTLS-SRTP
/// uses, RFC 5764 §4.1.2): AES-CM under the master key, keyed by label XOR master salt.
/// </summary>
internal static class SrtpKeyDerivation
{
    /// <summary>RFC 3711 §4.3.1 labels; RFC 3711 §4.3.2 for the SRTCP ones.</summary>
    public const byte RtpEncryptionLabel = 0x00;
    public const byte RtpAuthenticationLabel = 0x01;
    public const byte RtpSaltLabel = 0x02;
    public const byte RtcpEncryptionLabel = 0x03;
    public const byte RtcpAuthenticationLabel = 0x04;
    public const byte RtcpSaltLabel = 0x05;

    /// <summary>The AES-CM PRF input is 112 bits (RFC 3711 §4.3.3): the master salt's length for AES-CM.</summary>
    public const int PrfSaltLength = 14;

    /// <summary>
    /// Fills <paramref name="output"/> with the key for <paramref name="label"/>. A master salt shorter
    /// than 14 bytes (AES-GCM's 12) is zero-padded at the end, as libsrtp and so every browser do.
    /// </summary>
    public static void Derive(AesCounterMode prf, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        // RFC 3711 §4.3.1: x = (label || r) XOR master_salt with r = 0 for KDR 0; label sits 7 bytes from the end
        // of the 112-bit value, and the IV is x * 2^16.
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        masterSalt[..Math.Min(masterSalt.Length, PrfSaltLength)].CopyTo(iv);
        iv[PrfSaltLength - 7] ^= label;
        output.Clear();
        prf.Transform(iv, output);
    }
}
