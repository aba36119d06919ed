using System.Runtime.InteropServices;

namespace Conclave.Interop.Libsrtp;

/// <summary>
/// The few libsrtp2 entry points the cross-check needs (Debian libsrtp2-1, 2.5). srtp_policy_t is
/// passed as a raw 128-byte block laid out as on x86_64.
/// </summary>
internal static unsafe partial class LibSrtpNative
{
    public const int PolicySize = 128;
    public const int PolicySsrcType = 0;
    public const int PolicySsrcValue = 4;
    public const int PolicyRtp = 8;
    public const int PolicyRtcp = 32;
    public const int PolicyKey = 56;
    public const int PolicyWindowSize = 88;
    public const int PolicyAllowRepeatTx = 96;

    public const int SsrcAnyInbound = 2;
    public const int SsrcAnyOutbound = 3;

    private const string Library = "libsrtp2.so.1";

    [LibraryImport(Library, EntryPoint = "srtp_init")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "srtp_create")]
    public static partial int Create(out IntPtr session, byte* policy);

    [LibraryImport(Library, EntryPoint = "srtp_dealloc")]
    public static partial int Dealloc(IntPtr session);

    [LibraryImport(Library, EntryPoint = "srtp_protect")]
    public static partial int Protect(IntPtr session, byte* packet, ref int length);

    [LibraryImport(Library, EntryPoint = "srtp_unprotect")]
    public static partial int Unprotect(IntPtr session, byte* packet, ref int length);

    [LibraryImport(Library, EntryPoint = "srtp_protect_rtcp")]
    public static partial int ProtectRtcp(IntPtr session, byte* packet, ref int length);

    [LibraryImport(Library, EntryPoint = "srtp_unprotect_rtcp")]
    public static partial int UnprotectRtcp(IntPtr session, byte* packet, ref int length);

    /// <summary>AES_CM_128_HMAC_SHA1_80; the named setter is a macro for this one.</summary>
    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_rtp_default")]
    public static partial void SetAesCm128HmacSha1_80(byte* cryptoPolicy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32")]
    public static partial void SetAesCm128HmacSha1_32(byte* cryptoPolicy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_aes_gcm_128_16_auth")]
    public static partial void SetAesGcm128(byte* cryptoPolicy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_aes_gcm_256_16_auth")]
    public static partial void SetAesGcm256(byte* cryptoPolicy);
}
