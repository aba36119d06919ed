using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Auth;

/// <summary>Configuration section <c>Conclave:Tokens</c>: lifetimes of what the authorization server issues.</summary>
public sealed class TokenIssuanceOptions
{
    public const string Section = "Conclave:Tokens";

    /// <summary>Default 60 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Default 14 days; each refresh issues a new one (rolling).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a redeemed refresh token may still be redeemed again (client retries). Default zero: any
    /// reuse is treated as theft and revokes the whole token family.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>RFC 8628 device code; default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan DeviceCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Authorization code; default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The issuer in tokens and discovery. Default: none, the URL the client used (right for one
    /// address); set it when clients reach the server under several names, or the port changes.
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Redirect URIs of the built-in <c>conclave-web</c> client.</summary>
    public string[] WebRedirectUris { get; set; } = ["https://127.0.0.1:8443/app/callback", "https://localhost:8443/app/callback"];
}
