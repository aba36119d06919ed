namespace Conclave.Protocols.Srtp;

/// <summary>The transform parameters of each <see cref="SrtpProfile"/>, in bytes.</summary>
public static class SrtpProfiles
{
    /// <summary>The profiles Conclave implements, in its preference order (DESIGN: GCM-256, GCM-128, CM-80), then _32.</summary>
    public static IReadOnlyList<SrtpProfile> All { get; } =
    [
        SrtpProfile.AeadAes256Gcm,
        SrtpProfile.AeadAes128Gcm,
        SrtpProfile.AesCm128HmacSha1_80,
        SrtpProfile.AesCm128HmacSha1_32,
    ];

    /// <summary>Whether <paramref name="id"/> (a use_srtp protection-profile id) is one Conclave implements.</summary>
    public static bool TryFromId(ushort id, out SrtpProfile profile)
    {
        profile = (SrtpProfile)id;
        return IsSupported(profile);
    }

    public static bool IsSupported(this SrtpProfile profile) => profile is SrtpProfile.AesCm128HmacSha1_80
        or SrtpProfile.AesCm128HmacSha1_32 or SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm;

    /// <summary>Whether the profile is an AEAD (AES-GCM, RFC 7714) rather than AES-CM with HMAC-SHA1.</summary>
    public static bool IsAead(this SrtpProfile profile) =>
        profile is SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm;

    /// <summary>Master key length in bytes: 16, or 32 for AEAD_AES_256_GCM.</summary>
    public static int MasterKeyLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes256Gcm => 32,
        SrtpProfile.AesCm128HmacSha1_80 or SrtpProfile.AesCm128HmacSha1_32 or SrtpProfile.AeadAes128Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };

    /// <summary>Master salt length in bytes: 14 for AES-CM (RFC 3711 §8.2), 12 for AES-GCM (RFC 7714 §12).</summary>
    public static int MasterSaltLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm => 12,
        SrtpProfile.AesCm128HmacSha1_80 or SrtpProfile.AesCm128HmacSha1_32 => 14,
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };

    /// <summary>Authentication tag appended to each SRTP packet, in bytes.</summary>
    public static int RtpAuthTagLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.AesCm128HmacSha1_80 => 10,
        SrtpProfile.AesCm128HmacSha1_32 => 4,
        SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile)),
    };

    /// <summary>
    /// Authentication tag of each SRTCP packet, in bytes. RFC 5764 §4.1.2: the _32 profile still uses
    /// an 80-bit tag for SRTCP.
    /// </summary>
    public static int RtcpAuthTagLength(this SrtpProfile profile) =>
        profile.IsAead() ? 16 : profile.IsSupported() ? 10 : throw new ArgumentOutOfRangeException(nameof(profile));

    /// <summary>Bytes that protecting an RTP packet adds (the tag).</summary>
    public static int RtpOverhead(this SrtpProfile profile) => profile.RtpAuthTagLength();

    /// <summary>Bytes that protecting an RTCP packet adds (E-bit and SRTCP index word, then the tag).</summary>
    public static int RtcpOverhead(this SrtpProfile profile) => 4 + profile.RtcpAuthTagLength();

    /// <summary>
    /// Length of the DTLS-SRTP exporter output this profile needs (RFC 5764 §4.2):
    /// client key, server key, client salt, server salt.
    /// </summary>
    public static int KeyingMaterialLength(this SrtpProfile profile) =>
        2 * (profile.MasterKeyLength() + profile.MasterSaltLength());
}
