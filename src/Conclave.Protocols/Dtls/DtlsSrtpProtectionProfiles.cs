namespace Conclave.Protocols.Dtls;

/// <summary>
/// SRTP protection profile ids carried in the <c>use_srtp</c> extension (RFC 5764 §4.1.2, RFC 7714 §14.2)
/// and the key and salt lengths each one takes from the exporter (RFC 5764 §4.2).
/// </summary>
public static class DtlsSrtpProtectionProfiles
{
    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2).</summary>
    public const ushort AesCm128HmacSha1_80 = 0x0001;

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_32 (RFC 5764 §4.1.2).</summary>
    public const ushort AesCm128HmacSha1_32 = 0x0002;

    /// <summary>SRTP_AEAD_AES_128_GCM (RFC 7714 §14.2).</summary>
    public const ushort AeadAes128Gcm = 0x0007;

    /// <summary>SRTP_AEAD_AES_256_GCM (RFC 7714 §14.2).</summary>
    public const ushort AeadAes256Gcm = 0x0008;

    /// <summary>Conclave's preference, best first (DESIGN: AES-256-GCM, AES-128-GCM, then AES-CM-80 for older peers).</summary>
    public static IReadOnlyList<ushort> ConclavePreference { get; } =
        [AeadAes256Gcm, AeadAes128Gcm, AesCm128HmacSha1_80];

    /// <summary>Whether Conclave knows the key and salt lengths of a profile.</summary>
    public static bool IsKnown(ushort profile) => TryGetLengths(profile, out _, out _);

    /// <summary>Master key and master salt lengths in bytes for a profile.</summary>
    public static bool TryGetLengths(ushort profile, out int keyLength, out int saltLength)
    {
        (keyLength, saltLength) = profile switch
        {
            // RFC 5764 §4.1.2: AES_128_CM with a 112-bit salt.
            AesCm128HmacSha1_80 or AesCm128HmacSha1_32 => (16, 14),

            // RFC 7714 §12: 96-bit salt for the GCM profiles.
            AeadAes128Gcm => (16, 12),
            AeadAes256Gcm => (32, 12),
            _ => (0, 0),
        };
        return keyLength != 0;
    }

    /// <summary>Length of the exported keying material: 2 × (key + salt) (RFC 5764 §4.2).</summary>
    public static int KeyingMaterialLength(ushort profile) =>
        TryGetLengths(profile, out int key, out int salt)
            ? 2 * (key + salt)
            : throw new ArgumentOutOfRangeException(nameof(profile), "Unknown SRTP protection profile.");

    /// <summary>
    /// The server's choice: the first profile in <paramref name="preference"/> that the client offered
    /// (RFC 5764 §4.1.1 leaves the choice to the server; Conclave chooses by its own order).
    /// </summary>
    public static bool TrySelect(IReadOnlyList<ushort> preference, ReadOnlySpan<int> offered, out ushort selected)
    {
        foreach (ushort candidate in preference)
        {
            if (offered.Contains(candidate))
            {
                selected = candidate;
                return true;
            }
        }

        selected = 0;
        return false;
    }
}
