using System.Text.Json.Serialization;

namespace Conclave.Client.Auth;

/// <summary>
/// One signed-in identity on one server, as stored on disk: the server, how its certificate is trusted,
/// and the current tokens. Several profiles live side by side (<c>--profile NAME</c>).
/// </summary>
public sealed record Profile
{
    public required string Name { get; init; }

    public required string ServerUrl { get; init; }

    /// <summary>The pinned SHA-256 certificate fingerprint (hex pairs), when trust is by pin.</summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>A PEM CA file, when trust is by CA instead of pin.</summary>
    public string? CaFile { get; init; }

    public string? Upn { get; init; }

    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    [JsonIgnore]
    public bool IsSignedIn => AccessToken is not null || RefreshToken is not null;

    /// <summary>The endpoint this profile talks to, with its trust.</summary>
    public ServerEndpoint ToEndpoint()
    {
        if (!ServerEndpoint.TryParseAddress(ServerUrl, out var address))
            throw new InvalidDataException($"Profile '{Name}' holds an invalid server URL '{ServerUrl}'.");
        if (CaFile is not null)
            return new ServerEndpoint(address!, ServerTrust.FromCaFile(CaFile));
        if (CertificateFingerprint.TryParse(CertificateSha256, out var pin))
            return new ServerEndpoint(address!, ServerTrust.Pinned(pin!));
        return new ServerEndpoint(address!, ServerTrust.FirstUse);
    }

    [JsonIgnore]
    public TokenSet? Tokens => AccessToken is null ? null : new TokenSet(AccessToken, RefreshToken, AccessTokenExpiresAt ?? DateTimeOffset.MinValue);

    public Profile WithTokens(TokenSet tokens) => this with
    {
        AccessToken = tokens.AccessToken,
        RefreshToken = tokens.RefreshToken ?? RefreshToken,
        AccessTokenExpiresAt = tokens.ExpiresAt,
    };

    public Profile WithoutTokens() => this with { AccessToken = null, RefreshToken = null, AccessTokenExpiresAt = null };
}
