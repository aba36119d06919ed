using System.Security.Cryptography;
using Conclave.Server.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Conclave.Server.Auth;

/// <summary>
/// The token signing and encryption keys, generated at first start and kept in the data folder
/// (owner-only files) so that issued tokens survive a restart.
/// </summary>
public sealed class TokenKeyStore
{
    private const string SigningFile = "token-signing.pem";
    private const string EncryptionFile = "token-encryption.key";

    private TokenKeyStore(RsaSecurityKey signing, SymmetricSecurityKey encryption)
    {
        SigningKey = signing;
        EncryptionKey = encryption;
    }

    public RsaSecurityKey SigningKey { get; }

    public SymmetricSecurityKey EncryptionKey { get; }

    public static TokenKeyStore LoadOrCreate(string dataPath)
    {
        var signingPath = Path.Combine(dataPath, SigningFile);
        var encryptionPath = Path.Combine(dataPath, EncryptionFile);
        try
        {
            var rsa = RSA.Create();
            if (File.Exists(signingPath))
            {
                rsa.ImportFromPem(File.ReadAllText(signingPath));
            }
            else
            {
                rsa.KeySize = 2048;
                DataFolder.WriteSecretFile(signingPath, System.Text.Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem()));
            }

            byte[] secret;
            if (File.Exists(encryptionPath))
            {
                secret = Convert.FromBase64String(File.ReadAllText(encryptionPath).Trim());
                if (secret.Length != 32)
                {
                    throw new StartupException($"The token encryption key '{encryptionPath}' is not 256 bits.");
                }
            }
            else
            {
                secret = RandomNumberGenerator.GetBytes(32);
                DataFolder.WriteSecretFile(encryptionPath, System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(secret)));
            }

            var signingKey = new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 16).ToArray()) };
            return new TokenKeyStore(signingKey, new SymmetricSecurityKey(secret));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or FormatException or ArgumentException)
        {
            throw new StartupException($"Cannot read the token keys in '{dataPath}': {e.GetType().Name}", e);
        }
    }
}
