using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;

namespace Conclave.Server.Identity;

/// <summary>
/// The claims that tie every issued token to the sign-in it came from: how the person proved who they
/// are (RFC 8176 <c>amr</c> values) and which version of the account's security stamp was current then.
/// A password change, a disable or a role removal rotates the stamp, and every token of the older
/// version stops at its next use.
/// </summary>
public static class SessionClaims
{
    /// <summary>RFC 8176 §1: authentication methods references.</summary>
    public const string AuthenticationMethods = "amr";

    /// <summary>RFC 8176 §2: password-based authentication.</summary>
    public const string Password = "pwd";

    /// <summary>RFC 8176 §2: multiple-factor authentication (here: password and TOTP or a recovery code).</summary>
    public const string MultiFactor = "mfa";

    /// <summary>RFC 8176 §2: a one-time password (the TOTP code or a single-use recovery code of the second factor).</summary>
    public const string OneTimePassword = "otp";

    /// <summary>A digest of the account's security stamp; the stamp itself never leaves the database.</summary>
    public const string Stamp = "conclave_stamp";

    /// <summary>
    /// The sign-in cookie's own random id: the web app's sessions born of that cookie record it, so that
    /// revoking one of them ends the cookie too and the browser cannot quietly sign in again (the session
    /// list of the Devices screen groups and revokes by it). Never put in a token.
    /// </summary>
    public const string BrowserSession = "conclave_bsid";

    /// <summary>The methods a sign-in used: always the password, and the one-time password of the second factor (so MFA) when it was checked.</summary>
    public static string[] Methods(bool multiFactor) => multiFactor ? [Password, OneTimePassword, MultiFactor] : [Password];

    /// <summary>Adds the session claims to a sign-in cookie's identity (the sign-in page).</summary>
    public static void AddTo(ClaimsIdentity identity, string? securityStamp, bool multiFactor)
    {
        foreach (var method in Methods(multiFactor))
        {
            identity.AddClaim(new Claim(AuthenticationMethods, method));
        }

        identity.AddClaim(new Claim(Stamp, StampOf(securityStamp)));
    }

    /// <summary>Gives a new sign-in cookie its browser-session id (<see cref="BrowserSession"/>), or carries the one it had.</summary>
    public static void AddBrowserSession(ClaimsIdentity identity, string? existing = null) =>
        identity.AddClaim(new Claim(BrowserSession, existing ?? Base64Url(RandomNumberGenerator.GetBytes(16))));

    /// <summary>Whether the session behind this principal performed MFA at sign-in.</summary>
    public static bool PerformedMfa(ClaimsPrincipal principal) =>
        principal.GetClaims(AuthenticationMethods).Contains(MultiFactor, StringComparer.Ordinal);

    /// <summary>The claim value for a security stamp: base64url of its SHA-256 digest.</summary>
    public static string StampOf(string? securityStamp) =>
        Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? "")));

    /// <summary>Whether the principal was issued under the account's current security stamp (constant time).</summary>
    public static bool StampMatches(ClaimsPrincipal principal, string? currentSecurityStamp)
    {
        var presented = principal.GetClaim(Stamp);
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(StampOf(currentSecurityStamp)));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
