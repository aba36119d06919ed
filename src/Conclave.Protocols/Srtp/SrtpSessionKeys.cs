using System.Security.Cryptography;

namespace Conclave.Protocols.Srtp;

/// <summary>The six session keys of RFC 3711 §4.3, derived once per context.</summary>
internal sealed class SrtpSessionKeys : IDisposable
{
    /// <summary>RFC 3711 §4.2.1: HMAC-SHA1 session authentication key of 160 bits.</summary>
    public const int AuthenticationKeyLength = 20;

    public SrtpSessionKeys(byte[] rtpKey, byte[] rtpAuthKey, byte[] rtpSalt, byte[] rtcpKey, byte[] rtcpAuthKey, byte[] rtcpSalt)
    {
        RtpKey = rtpKey;
        RtpAuthKey = rtpAuthKey;
        RtpSalt = rtpSalt;
        RtcpKey = rtcpKey;
        RtcpAuthKey = rtcpAuthKey;
        RtcpSalt = rtcpSalt;
    }

    public byte[] RtpKey { get; }
    public byte[] RtpAuthKey { get; }
    public byte[] RtpSalt { get; }
    public byte[] RtcpKey { get; }
    public byte[] RtcpAuthKey { get; }
    public byte[] RtcpSalt { get; }

    public static SrtpSessionKeys Derive(SrtpProfile profile, ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        var keyLength = profile.MasterKeyLength();
        var saltLength = profile.IsAead() ? 12 : 14;
        var authLength = profile.IsAead() ? 0 : AuthenticationKeyLength;
        using var prf = new AesCounterMode(masterKey);
        return new SrtpSessionKeys(
            Make(prf, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, keyLength),
            Make(prf, masterSalt, SrtpKeyDerivation.RtpAuthenticationLabel, authLength),
            Make(prf, masterSalt, SrtpKeyDerivation.RtpSaltLabel, saltLength),
            Make(prf, masterSalt, SrtpKeyDerivation.RtcpEncryptionLabel, keyLength),
            Make(prf, masterSalt, SrtpKeyDerivation.RtcpAuthenticationLabel, authLength),
            Make(prf, masterSalt, SrtpKeyDerivation.RtcpSaltLabel, saltLength));
    }

    private static byte[] Make(AesCounterMode prf, ReadOnlySpan<byte> masterSalt, byte label, int length)
    {
        var key = new byte[length];
        SrtpKeyDerivation.Derive(prf, masterSalt, label, key);
        return key;
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(RtpKey);
        CryptographicOperations.ZeroMemory(RtpAuthKey);
        CryptographicOperations.ZeroMemory(RtpSalt);
        CryptographicOperations.ZeroMemory(RtcpKey);
        CryptographicOperations.ZeroMemory(RtcpAuthKey);
        CryptographicOperations.ZeroMemory(RtcpSalt);
    }
}
