using System.Security.Cryptography;

namespace Conclave.Protocols.Dtls;

/// <summary>
/// SRTP master keys and salts exported from a DTLS-SRTP handshake, split as RFC 5764 §4.2 lays out
/// the keying material: client write key | server write key | client write salt | server write salt.
/// </summary>
public sealed class DtlsSrtpKeys : IDisposable
{
    private DtlsSrtpKeys(ushort protectionProfile, byte[] clientKey, byte[] serverKey, byte[] clientSalt, byte[] serverSalt)
    {
        ProtectionProfile = protectionProfile;
        ClientWriteKey = clientKey;
        ServerWriteKey = serverKey;
        ClientWriteSalt = clientSalt;
        ServerWriteSalt = serverSalt;
    }

    /// <summary>The negotiated protection profile id (see <see cref="DtlsSrtpProtectionProfiles"/>).</summary>
    public ushort ProtectionProfile { get; }

    /// <summary>Master key for packets the DTLS client sends.</summary>
    public byte[] ClientWriteKey { get; }

    /// <summary>Master key for packets the DTLS server sends.</summary>
    public byte[] ServerWriteKey { get; }

    /// <summary>Master salt for packets the DTLS client sends.</summary>
    public byte[] ClientWriteSalt { get; }

    /// <summary>Master salt for packets the DTLS server sends.</summary>
    public byte[] ServerWriteSalt { get; }

    /// <summary>Splits exporter output for <paramref name="protectionProfile"/> (RFC 5764 §4.2).</summary>
    public static DtlsSrtpKeys FromKeyingMaterial(ushort protectionProfile, ReadOnlySpan<byte> keyingMaterial)
    {
        if (!DtlsSrtpProtectionProfiles.TryGetLengths(protectionProfile, out int keyLength, out int saltLength))
        {
            throw new ArgumentOutOfRangeException(nameof(protectionProfile), "Unknown SRTP protection profile.");
        }

        if (keyingMaterial.Length != 2 * (keyLength + saltLength))
        {
            throw new ArgumentException("Keying material length does not match the profile.", nameof(keyingMaterial));
        }

        return new DtlsSrtpKeys(
            protectionProfile,
            keyingMaterial[..keyLength].ToArray(),
            keyingMaterial.Slice(keyLength, keyLength).ToArray(),
            keyingMaterial.Slice(2 * keyLength, saltLength).ToArray(),
            keyingMaterial.Slice((2 * keyLength) + saltLength, saltLength).ToArray());
    }

    /// <summary>Key and salt this endpoint protects its outgoing SRTP with.</summary>
    public (byte[] Key, byte[] Salt) GetLocal(DtlsRole role) =>
        role == DtlsRole.Client ? (ClientWriteKey, ClientWriteSalt) : (ServerWriteKey, ServerWriteSalt);

    /// <summary>Key and salt the peer protects its SRTP with, for unprotecting what it sends.</summary>
    public (byte[] Key, byte[] Salt) GetRemote(DtlsRole role) =>
        role == DtlsRole.Client ? (ServerWriteKey, ServerWriteSalt) : (ClientWriteKey, ClientWriteSalt);

    /// <summary>Wipes all four arrays.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(ClientWriteKey);
        CryptographicOperations.ZeroMemory(ServerWriteKey);
        CryptographicOperations.ZeroMemory(ClientWriteSalt);
        CryptographicOperations.ZeroMemory(ServerWriteSalt);
    }
}
