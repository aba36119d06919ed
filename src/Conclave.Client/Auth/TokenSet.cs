namespace Conclave.Client.Auth;

/// <summary>Tokens from one successful grant; <see cref="ExpiresAt"/> is when the access token stops working.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt)
{
    /// <summary>Refresh this long before expiry so a request in flight does not meet an expired token.</summary>
    public static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(60);

    public bool IsFresh(DateTimeOffset now) => now + ExpirySkew < ExpiresAt;
}
