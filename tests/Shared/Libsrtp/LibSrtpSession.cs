using Conclave.Protocols.Srtp;

namespace Conclave.Interop.Libsrtp;

/// <summary>
/// One libsrtp2 session (sender or receiver) for a profile, keyed with key || salt as libsrtp wants it.
/// Compiled into the interop tests and the SRTP benchmark alike.
/// </summary>
internal sealed unsafe class LibSrtpSession : IDisposable
{
    private static readonly Lock InitLock = new();
    private static bool _initialised;

    private readonly IntPtr _session;

    /// <param name="profile">The protection profile, for SRTP and SRTCP alike.</param>
    /// <param name="masterKey">The master key.</param>
    /// <param name="masterSalt">The master salt.</param>
    /// <param name="outbound">True for a sender (ssrc_any_outbound), false for a receiver.</param>
    /// <param name="replayWindow">The replay window in packets (libsrtp's default is 128).</param>
    public LibSrtpSession(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, bool outbound, ulong replayWindow = 1024)
    {
        lock (InitLock)
        {
            if (!_initialised)
            {
                Check(LibSrtpNative.Init(), "srtp_init");
                _initialised = true;
            }
        }

        // libsrtp takes the master key followed by the master salt in one buffer, for GCM too.
        var keyAndSalt = new byte[masterKey.Length + masterSalt.Length];
        masterKey.CopyTo(keyAndSalt, 0);
        masterSalt.CopyTo(keyAndSalt, masterKey.Length);
        var policy = stackalloc byte[LibSrtpNative.PolicySize];
        new Span<byte>(policy, LibSrtpNative.PolicySize).Clear();
        *(int*)(policy + LibSrtpNative.PolicySsrcType) = outbound ? LibSrtpNative.SsrcAnyOutbound : LibSrtpNative.SsrcAnyInbound;
        switch (profile)
        {
            case SrtpProfile.AesCm128HmacSha1_80:
                LibSrtpNative.SetAesCm128HmacSha1_80(policy + LibSrtpNative.PolicyRtp);
                LibSrtpNative.SetAesCm128HmacSha1_80(policy + LibSrtpNative.PolicyRtcp);
                break;
            case SrtpProfile.AesCm128HmacSha1_32:
                // RFC 5764 §4.1.2: SRTCP keeps the 80-bit tag under the _32 profile.
                LibSrtpNative.SetAesCm128HmacSha1_32(policy + LibSrtpNative.PolicyRtp);
                LibSrtpNative.SetAesCm128HmacSha1_80(policy + LibSrtpNative.PolicyRtcp);
                break;
            case SrtpProfile.AeadAes128Gcm:
                LibSrtpNative.SetAesGcm128(policy + LibSrtpNative.PolicyRtp);
                LibSrtpNative.SetAesGcm128(policy + LibSrtpNative.PolicyRtcp);
                break;
            case SrtpProfile.AeadAes256Gcm:
                LibSrtpNative.SetAesGcm256(policy + LibSrtpNative.PolicyRtp);
                LibSrtpNative.SetAesGcm256(policy + LibSrtpNative.PolicyRtcp);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(profile));
        }

        *(ulong*)(policy + LibSrtpNative.PolicyWindowSize) = replayWindow;
        fixed (byte* key = keyAndSalt)
        {
            *(byte**)(policy + LibSrtpNative.PolicyKey) = key;
            Check(LibSrtpNative.Create(out _session, policy), "srtp_create");
        }
    }

    /// <summary>libsrtp's status code (0 ok, 7 auth_fail, 9 replay_fail, 10 replay_old).</summary>
    public int Protect(byte[] buffer, ref int length)
    {
        fixed (byte* p = buffer)
        {
            return LibSrtpNative.Protect(_session, p, ref length);
        }
    }

    public int Unprotect(byte[] buffer, ref int length)
    {
        fixed (byte* p = buffer)
        {
            return LibSrtpNative.Unprotect(_session, p, ref length);
        }
    }

    public int ProtectRtcp(byte[] buffer, ref int length)
    {
        fixed (byte* p = buffer)
        {
            return LibSrtpNative.ProtectRtcp(_session, p, ref length);
        }
    }

    public int UnprotectRtcp(byte[] buffer, ref int length)
    {
        fixed (byte* p = buffer)
        {
            return LibSrtpNative.UnprotectRtcp(_session, p, ref length);
        }
    }

    public void Dispose() => Check(LibSrtpNative.Dealloc(_session), "srtp_dealloc");

    private static void Check(int status, string call)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"{call} returned {status}");
        }
    }
}
