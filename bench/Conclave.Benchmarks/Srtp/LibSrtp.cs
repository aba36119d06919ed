using System.Runtime.InteropServices;
using Conclave.Protocols.Srtp;

namespace Conclave.Benchmarks.Srtp;

/// <summary>
/// libsrtp2 (Debian libsrtp2-1) called in-process, so it is timed by the same BenchmarkDotNet run, at
/// the same process priority and machine load as Conclave. srtp_policy_t is a raw 128-byte block
/// laid out as on x86_64 (ssrc@0, rtp@8, rtcp@32, key@56, window_size@88).
/// </summary>
internal static unsafe partial class LibSrtp
{
    private const string Library = "libsrtp2.so.1";
    private static readonly Lock InitLock = new();
    private static bool _initialised;

    public static IntPtr Create(SrtpProfile profile, byte[] keyAndSalt, bool outbound)
    {
        lock (InitLock)
        {
            if (!_initialised)
            {
                Check(Init());
                _initialised = true;
            }
        }

        var policy = stackalloc byte[128];
        new Span<byte>(policy, 128).Clear();
        *(int*)policy = outbound ? 3 : 2; // ssrc_any_outbound / ssrc_any_inbound
        switch (profile)
        {
            case SrtpProfile.AesCm128HmacSha1_80:
                SetCm80(policy + 8);
                SetCm80(policy + 32);
                break;
            case SrtpProfile.AesCm128HmacSha1_32:
                SetCm32(policy + 8);
                SetCm80(policy + 32);
                break;
            case SrtpProfile.AeadAes128Gcm:
                SetGcm128(policy + 8);
                SetGcm128(policy + 32);
                break;
            default:
                SetGcm256(policy + 8);
                SetGcm256(policy + 32);
                break;
        }

        *(ulong*)(policy + 88) = 64;
        fixed (byte* key = keyAndSalt)
        {
            *(byte**)(policy + 56) = key;
            Check(CreateSession(out var session, policy));
            return session;
        }
    }

    [LibraryImport(Library, EntryPoint = "srtp_init")]
    private static partial int Init();

    [LibraryImport(Library, EntryPoint = "srtp_create")]
    private static partial int CreateSession(out IntPtr session, byte* policy);

    [LibraryImport(Library, EntryPoint = "srtp_dealloc")]
    public static partial int Dealloc(IntPtr session);

    [LibraryImport(Library, EntryPoint = "srtp_protect")]
    public static partial int Protect(IntPtr session, byte* packet, ref int length);

    [LibraryImport(Library, EntryPoint = "srtp_unprotect")]
    public static partial int Unprotect(IntPtr session, byte* packet, ref int length);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_rtp_default")]
    private static partial void SetCm80(byte* policy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32")]
    private static partial void SetCm32(byte* policy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_aes_gcm_128_16_auth")]
    private static partial void SetGcm128(byte* policy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_aes_gcm_256_16_auth")]
    private static partial void SetGcm256(byte* policy);

    private static void Check(int status)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"libsrtp2 returned {status}");
        }
    }
}
