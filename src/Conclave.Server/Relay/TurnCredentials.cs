using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Conclave.Server.Relay;

/// <summary>
/// Short-lived TURN credentials as in the TURN REST API draft (draft-uberti-behave-turn-rest):
/// username <c>expiry:userId</c> (expiry in Unix seconds), password the Base64 HMAC of the username
/// under a secret shared with the relay. The relay recomputes the password, so it stores nothing.
/// </summary>
public sealed record TurnCredentials(string Username, string Password, TimeSpan Ttl, IReadOnlyList<string> Uris)
{
    /// <summary>Creates credentials valid for <paramref name="ttl"/> from now, HMAC-SHA256 unless told otherwise.</summary>
    public static TurnCredentials Create(string userId, TimeSpan ttl, string secret, TimeProvider timeProvider,
        IReadOnlyList<string>? uris = null, HashAlgorithmName? algorithm = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (userId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("A user id must not contain ':'.", nameof(userId));
        }

        var expiry = timeProvider.GetUtcNow().Add(ttl).ToUnixTimeSeconds();
        var username = expiry.ToString(CultureInfo.InvariantCulture) + ":" + userId;
        return new TurnCredentials(username, ComputePassword(username, secret, algorithm ?? HashAlgorithmName.SHA256), ttl, uris ?? []);
    }

    /// <summary>Base64(HMAC(secret, username)).</summary>
    public static string ComputePassword(string username, string secret, HashAlgorithmName algorithm)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes(username);
        try
        {
            var mac = algorithm == HashAlgorithmName.SHA1
#pragma warning disable CA5350 // coturn's TURN REST API form; only used when configured for compatibility.
                ? HMACSHA1.HashData(key, data)
#pragma warning restore CA5350
                : HMACSHA256.HashData(key, data);
            return Convert.ToBase64String(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Splits <c>expiry:userId</c>; false when the form is wrong.</summary>
    public static bool TryParseUsername(string username, out long expiry, out string userId)
    {
        expiry = 0;
        userId = string.Empty;
        var colon = username.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == username.Length - 1 ||
            !long.TryParse(username.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out expiry))
        {
            return false;
        }

        userId = username[(colon + 1)..];
        return true;
    }
}
