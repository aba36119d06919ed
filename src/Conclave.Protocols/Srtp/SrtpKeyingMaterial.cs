namespace Conclave.Protocols.Srtp;

/// <summary>
/// Turns the DTLS-SRTP exporter output ("EXTRACTOR-dtls_srtp", <see cref="SrtpProfiles.KeyingMaterialLength"/>
/// bytes) into the two contexts of an endpoint (RFC 5764 §4.2).
/// </summary>
public static class SrtpKeyingMaterial
{
    /// <summary>
    /// Splits client key | server key | client salt | server salt (RFC 5764 §4.2): the DTLS client
    /// protects with the client half, the server with the server half, and each unprotects with the other.
    /// </summary>
    /// <param name="profile">The negotiated use_srtp protection profile.</param>
    /// <param name="material">The exporter output, <see cref="SrtpProfiles.KeyingMaterialLength"/> bytes.</param>
    /// <param name="isClient">Whether this endpoint was the DTLS client (a=setup:active after negotiation).</param>
    /// <param name="options">Replay window and SSRC limit for both contexts; defaults when null.</param>
    /// <exception cref="ArgumentException">The material is not the length the profile needs.</exception>
    public static (SrtpContext Outbound, SrtpContext Inbound) CreateContexts(
        SrtpProfile profile, ReadOnlySpan<byte> material, bool isClient, SrtpContextOptions? options = null)
    {
        if (material.Length != profile.KeyingMaterialLength())
        {
            throw new ArgumentException($"{profile} needs {profile.KeyingMaterialLength()} bytes of keying material", nameof(material));
        }

        var keyLength = profile.MasterKeyLength();
        var saltLength = profile.MasterSaltLength();
        var clientKey = material[..keyLength];
        var serverKey = material.Slice(keyLength, keyLength);
        var clientSalt = material.Slice(2 * keyLength, saltLength);
        var serverSalt = material.Slice((2 * keyLength) + saltLength, saltLength);
        var client = new SrtpContext(profile, clientKey, clientSalt, options);
        try
        {
            var server = new SrtpContext(profile, serverKey, serverSalt, options);
            return isClient ? (client, server) : (server, client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
