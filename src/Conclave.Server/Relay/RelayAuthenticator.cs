using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Conclave.Protocols.Stun;

namespace Conclave.Server.Relay;

/// <summary>
/// Long-term credential checks (RFC 8489 §9.2.4) for short-lived TURN REST credentials: the
/// password is recomputed from the username under each configured secret, so the relay stores no
/// user data and a rotated-out secret keeps working for the credentials issued under it until they
/// expire (their expiry is in the username).
/// </summary>
internal sealed class RelayAuthenticator
{
    /// <summary>What the relay offers in PASSWORD-ALGORITHMS, SHA-256 first (RFC 8489 §14.11).</summary>
    public static readonly StunPasswordAlgorithm[] Offered = [StunPasswordAlgorithm.Sha256, StunPasswordAlgorithm.Md5];

    private readonly byte[] _offeredEncoded;
    private readonly RelayOptions _options;
    private readonly RelayNonce _nonces;
    private readonly TimeProvider _time;

    public RelayAuthenticator(RelayOptions options, RelayNonce nonces, TimeProvider time)
    {
        _options = options;
        _nonces = nonces;
        _time = time;
        _offeredEncoded = new byte[Offered.Length * 4];
        for (var i = 0; i < Offered.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_offeredEncoded.AsSpan(i * 4), (ushort)Offered[i]);
        }
    }

    public string Realm => _options.Realm;

    public string NewNonce(IPAddress client) => _nonces.Create(client);

    public RelayAuthentication Authenticate(StunMessage request, IPAddress client)
    {
        // RFC 8489 §9.2.4, in the RFC's order.
        if (!request.HasIntegrity)
        {
            return RelayAuthentication.Fail(StunErrorCodes.Unauthorized, RelayRefusal.Unauthorized);
        }

        if (!request.TryGetString(StunAttributeType.Username, out var username) ||
            !request.TryGetString(StunAttributeType.Realm, out var realm) ||
            !request.TryGetString(StunAttributeType.Nonce, out var nonce))
        {
            return RelayAuthentication.Fail(StunErrorCodes.BadRequest, RelayRefusal.BadRequest);
        }

        if (!_nonces.IsValid(nonce, client))
        {
            return RelayAuthentication.Fail(StunErrorCodes.StaleNonce, RelayRefusal.StaleNonce);
        }

        if (!string.Equals(realm, _options.Realm, StringComparison.Ordinal) ||
            !TurnCredentials.TryParseUsername(username, out var expiry, out var userId) ||
            expiry <= _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return RelayAuthentication.Fail(StunErrorCodes.Unauthorized, RelayRefusal.Unauthorized);
        }

        if (!TryGetAlgorithm(request, out var algorithm))
        {
            return RelayAuthentication.Fail(StunErrorCodes.BadRequest, RelayRefusal.BadRequest);
        }

        var sha256 = request.HasMessageIntegritySha256;
        var sha1 = request.HasMessageIntegrity;
        foreach (var secret in _options.Secrets)
        {
            var password = TurnCredentials.ComputePassword(username, secret, _options.CredentialHashAlgorithm);
            var key = StunCredentials.LongTermKey(username, realm, password, algorithm);
            // RFC 8489 §9.2.4: when both are present, MESSAGE-INTEGRITY-SHA256 is the one checked.
            var valid = sha256 ? request.VerifyMessageIntegritySha256(key) : request.VerifyMessageIntegrity(key);
            if (valid)
            {
                return new RelayAuthentication(0, default, username, userId, key, sha256, sha1);
            }

            CryptographicOperations.ZeroMemory(key);
        }

        return RelayAuthentication.Fail(StunErrorCodes.Unauthorized, RelayRefusal.Unauthorized);
    }

    /// <summary>Adds REALM, a fresh NONCE and PASSWORD-ALGORITHMS to a 401 or 438 (RFC 8489 §9.2.4).</summary>
    public void AddChallenge(StunMessageBuilder builder, IPAddress client) =>
        builder.AddString(StunAttributeType.Realm, _options.Realm)
            .AddString(StunAttributeType.Nonce, _nonces.Create(client))
            .AddPasswordAlgorithms(Offered);

    /// <summary>
    /// RFC 8489 §9.2.4 bid-down protection: with PASSWORD-ALGORITHM present, PASSWORD-ALGORITHMS must
    /// repeat exactly what the relay offered and the chosen one must be in it; with neither, MD5.
    /// </summary>
    private bool TryGetAlgorithm(StunMessage request, out StunPasswordAlgorithm algorithm)
    {
        algorithm = StunPasswordAlgorithm.Md5;
        var hasList = request.Has(StunAttributeType.PasswordAlgorithms);
        var hasChoice = request.TryGetAttribute(StunAttributeType.PasswordAlgorithm, out var choice);
        if (!hasList && !hasChoice)
        {
            return true;
        }

        if (!hasList || !hasChoice || choice.Length < 4 ||
            !request.GetValue(StunAttributeType.PasswordAlgorithms).SequenceEqual(_offeredEncoded))
        {
            return false;
        }

        var value = request.GetValue(choice);
        var chosen = (StunPasswordAlgorithm)BinaryPrimitives.ReadUInt16BigEndian(value);
        if (Array.IndexOf(Offered, chosen) < 0)
        {
            return false;
        }

        algorithm = chosen;
        return true;
    }
}
