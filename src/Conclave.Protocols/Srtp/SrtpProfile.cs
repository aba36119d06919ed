namespace Conclave.Protocols.Srtp;

/// <summary>
/// An SRTP protection profile. The numeric values are the DTLS-SRTP protection-profile identifiers
/// of RFC 5764 §4.1.2 and RFC 7714 §14.2, so a profile read from the use_srtp extension casts directly.
/// </summary>
public enum SrtpProfile : ushort
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2): AES-128 counter mode, 80-bit HMAC-SHA1 tag.</summary>
    AesCm128HmacSha1_80 = 0x0001,

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32 (RFC 5764 §4.1.2): as _80 but a 32-bit SRTP tag (SRTCP keeps 80 bits).</summary>
    AesCm128HmacSha1_32 = 0x0002,

    /// <summary>SRTP_AEAD_AES_128_GCM (RFC 7714 §14.2): AES-128-GCM with a 128-bit tag.</summary>
    AeadAes128Gcm = 0x0007,

    /// <summary>SRTP_AEAD_AES_256_GCM (RFC 7714 §14.2): AES-256-GCM with a 128-bit tag.</summary>
    AeadAes256Gcm = 0x0008,
}
