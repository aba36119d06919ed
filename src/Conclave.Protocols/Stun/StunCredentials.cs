using System.Security.Cryptography;
using System.Text;

namespace Conclave.Protocols.Stun;

/// <summary>Keys for MESSAGE-INTEGRITY under the short-term and long-term mechanisms (RFC 8489 §9).</summary>
public static class StunCredentials
{
    /// <summary>RFC 8489 §9.1.1: the short-term key is the OpaqueString-prepared password.</summary>
    public static byte[] ShortTermKey(string password) => Encoding.UTF8.GetBytes(SaslPrep.Prepare(password));

    /// <summary>
    /// RFC 8489 §9.2.2: key = H(username ":" OpaqueString(realm) ":" OpaqueString(password)), H being
    /// MD5 (16 bytes, the legacy algorithm the RFC keeps) or SHA-256 (32 bytes).
    /// </summary>
    public static byte[] LongTermKey(string username, string realm, string password, StunPasswordAlgorithm algorithm = StunPasswordAlgorithm.Md5)
    {
        var input = Encoding.UTF8.GetBytes($"{SaslPrep.Prepare(username)}:{SaslPrep.Prepare(realm)}:{SaslPrep.Prepare(password)}");
        try
        {
            return algorithm switch
            {
#pragma warning disable CA5351 // RFC 8489 §9.2.2 mandates MD5 for the legacy long-term key.
                StunPasswordAlgorithm.Md5 => MD5.HashData(input),
#pragma warning restore CA5351
                StunPasswordAlgorithm.Sha256 => SHA256.HashData(input),
                _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>USERHASH (RFC 8489 §14.4): SHA-256(OpaqueString(username) ":" OpaqueString(realm)).</summary>
    public static byte[] UserHash(string username, string realm) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{SaslPrep.Prepare(username)}:{SaslPrep.Prepare(realm)}"));
}
