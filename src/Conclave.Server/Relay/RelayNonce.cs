using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace Conclave.Server.Relay;

/// <summary>
/// Stateless NONCE values (RFC 8489 §9.2): the nonce carries its own expiry and an HMAC over that
/// expiry and the client's IP address under a per-process key, so the relay keeps no per-nonce state
/// and a nonce cannot be reused from another address.
/// </summary>
internal sealed class RelayNonce
{
    /// <summary>
    /// RFC 8489 §9.2: "obMatJos2" then the Base64 of the 24-bit security feature set; bit 0
    /// (password algorithms) set tells clients that PASSWORD-ALGORITHMS is offered (bid-down protection).
    /// </summary>
    public const string Cookie = "obMatJos2gAAA";

    private const int MacLength = 12;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public RelayNonce(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        _lifetime = lifetime;
    }

    public string Create(IPAddress client)
    {
        Span<byte> payload = stackalloc byte[8 + MacLength];
        var expiry = _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        BinaryPrimitives.WriteInt64BigEndian(payload, expiry);
        Mac(payload[..8], client, payload[8..]);
        return Cookie + Convert.ToBase64String(payload);
    }

    /// <summary>Valid = issued by this process for this address and not yet expired.</summary>
    public bool IsValid(string nonce, IPAddress client)
    {
        if (nonce.Length != Cookie.Length + 28 || !nonce.StartsWith(Cookie, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> payload = stackalloc byte[8 + MacLength + 1];
        if (!Convert.TryFromBase64String(nonce[Cookie.Length..], payload, out var written) || written != 8 + MacLength)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[MacLength];
        Mac(payload[..8], client, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, payload.Slice(8, MacLength)))
        {
            return false;
        }

        return BinaryPrimitives.ReadInt64BigEndian(payload) > _time.GetUtcNow().ToUnixTimeSeconds();
    }

    private void Mac(ReadOnlySpan<byte> expiry, IPAddress client, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[8 + 16];
        expiry.CopyTo(input);
        client.TryWriteBytes(input[8..], out var addressLength);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, input[..(8 + addressLength)], full);
        full[..destination.Length].CopyTo(destination);
    }

    internal static bool HasCookie(string nonce) => nonce.StartsWith(Cookie, StringComparison.Ordinal);

}
