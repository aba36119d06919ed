using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Auth;

/// <summary>Configuration section <c>Conclave:Tokens</c>: lifetimes of what the authorization server issues.</summary>
public sealed class TokenIssuanceOptions
{
    public const string Section = "Conclave:Tokens";

    /// <summary>RFC 9700 §2.2.2 (OAuth 2.0 Security BCP): short-lived access tokens; one hour, as Microsoft Entra ID's default.</summary>
    public static readonly TimeSpan DefaultAccessTokenLifetime = TimeSpan.FromMinutes(60);

    /// <summary>Two weeks of inactivity signs a device out; each refresh rolls it (RFC 9700 §4.14.2: rotation).</summary>
    public static readonly TimeSpan DefaultRefreshTokenLifetime = TimeSpan.FromDays(14);

    /// <summary>RFC 8628 §3.2 leaves expires_in to the server; 10 minutes is enough to type a code on another device.</summary>
    public static readonly TimeSpan DefaultDeviceCodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>RFC 6749 §4.1.2: "a maximum authorization code lifetime of 10 minutes is RECOMMENDED"; half of that.</summary>
    public static readonly TimeSpan DefaultAuthorizationCodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Default <see cref="DefaultAccessTokenLifetime"/>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = DefaultAccessTokenLifetime;

    /// <summary>Default <see cref="DefaultRefreshTokenLifetime"/>; each refresh issues a new one (rolling).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = DefaultRefreshTokenLifetime;

    /// <summary>
    /// How long a redeemed refresh token may still be redeemed again (client retries). Default zero: any
    /// reuse is treated as theft and revokes the whole token family.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>RFC 8628 device code; default <see cref="DefaultDeviceCodeLifetime"/>.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan DeviceCodeLifetime { get; set; } = DefaultDeviceCodeLifetime;

    /// <summary>Authorization code; default <see cref="DefaultAuthorizationCodeLifetime"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:10:00")]
    public TimeSpan AuthorizationCodeLifetime { get; set; } = DefaultAuthorizationCodeLifetime;

    /// <summary>
    /// The issuer in tokens and discovery. Default: none, the URL the client used (right for one
    /// address); set it when clients reach the server under several names, or the port changes.
    /// </summary>
    public Uri? Issuer { get; set; }

    /// <summary>Redirect URIs of the built-in <c>conclave-web</c> client.</summary>
    public string[] WebRedirectUris { get; set; } = ["https://127.0.0.1:8443/app/callback", "https://localhost:8443/app/callback"];
}
