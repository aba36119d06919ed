using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Identity;

/// <summary>Where a first sign-in stands: each stage is a form of its own and accepts only its own post.</summary>
public enum FirstSignInStage
{
    /// <summary>The one-time password was right: a new password is chosen next.</summary>
    Password,

    /// <summary>The account requires an authenticator and has none: enrolment starts next.</summary>
    Enrol,

    /// <summary>An authenticator key was issued: a current code of it confirms the enrolment.</summary>
    Confirm,
}

/// <summary>A first sign-in's state as the server read it back: the account, the stage, and how far the person has proved who they are.</summary>
public sealed record FirstSignInStep(ConclaveUser User, FirstSignInStage Stage, bool MultiFactor, string? ReturnUrl);

/// <summary>
/// The state between the steps of a first sign-in (the one-time password checked, then a new password, then
/// authenticator enrolment), carried as Identity carries its two-factor user id between the password and the
/// code: in a cookie of its own, data-protected under a purpose of its own. It names the account by id, never
/// in clear; it holds for <see cref="Lifetime"/>; it is bound to the account's security stamp, which every
/// step rotates (password change, new authenticator key, enrolment), so a step value is good for its one step
/// and dead once that step is done; and it is bound to the browser's anti-forgery cookie, so a step value
/// taken to another browser is refused. Every form of the steps carries an anti-forgery token as well.
/// </summary>
public sealed class FirstSignInSteps(
    IDataProtectionProvider protection,
    UserManager<ConclaveUser> users,
    IOptions<AntiforgeryOptions> antiforgery,
    TimeProvider time)
{
    /// <summary>The pages of the steps (mapped by the account feature, which owns password change and enrolment).</summary>
    public const string Path = "/account/first-sign-in";

    public const string CookieName = "conclave.first-sign-in";

    /// <summary>Minutes, as Identity's two-factor cookie: long enough to scan a QR code, short enough that a forgotten tab is harmless.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static readonly Error Invalid = new(
        ErrorCodes.Auth.SignInStepInvalid, "This sign-in step has expired or is not valid any more: sign in again.", ErrorKind.Forbidden);

    private const string Purpose = "Conclave.Identity.FirstSignInStep.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>Sets the step cookie for <paramref name="user"/> as it is now (its current security stamp).</summary>
    public void Issue(HttpContext context, ConclaveUser user, FirstSignInStage stage, bool multiFactor, string? returnUrl)
    {
        var state = new State(
            user.Id,
            SessionClaims.StampOf(user.SecurityStamp),
            stage,
            multiFactor,
            returnUrl,
            BrowserOf(context),
            time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds());
        var value = WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(state)));
        context.Response.Cookies.Append(CookieName, value, CookieOptions(Lifetime));
    }

    /// <summary>
    /// The step this browser is at, when its cookie is authentic, unexpired, of this browser, at
    /// <paramref name="expected"/> (any stage when null), and its account is enabled, not locked out and
    /// still at the security stamp the step was issued under; otherwise <see cref="Invalid"/>.
    /// </summary>
    public async Task<Result<FirstSignInStep>> ReadAsync(HttpContext context, FirstSignInStage? expected)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return Invalid;
        }

        State? state;
        try
        {
            state = JsonSerializer.Deserialize<State>(_protector.Unprotect(WebEncoders.Base64UrlDecode(value)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return Invalid;
        }

        if (state is null
            || (expected is { } stage && state.Stage != stage)
            || time.GetUtcNow().ToUnixTimeSeconds() >= state.ExpiresAt
            || !SameDigest(state.Browser, BrowserOf(context)))
        {
            return Invalid;
        }

        var user = await users.FindByIdAsync(state.UserId);
        if (user is null || !user.Enabled || await users.IsLockedOutAsync(user) || !SameDigest(state.Stamp, SessionClaims.StampOf(user.SecurityStamp)))
        {
            return Invalid;
        }

        return new FirstSignInStep(user, state.Stage, state.MultiFactor, state.ReturnUrl);
    }

    /// <summary>Removes the step cookie (the first sign-in is done, or must start over).</summary>
    public static void End(HttpContext context) => context.Response.Cookies.Delete(CookieName, CookieOptions(null));

    private static CookieOptions CookieOptions(TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = true,
        // Only the server's own pages post the steps; no other site's navigation carries the cookie.
        SameSite = SameSiteMode.Strict,
        Path = "/account",
        MaxAge = maxAge,
        IsEssential = true,
    };

    /// <summary>A digest of the browser's anti-forgery cookie: the same for one browser through the steps, different for any other.</summary>
    private string BrowserOf(HttpContext context) =>
        SessionClaims.StampOf(context.Request.Cookies[antiforgery.Value.Cookie.Name ?? ""] is { Length: > 0 } cookie ? cookie : RandomNumberGenerator.GetHexString(32));

    private static bool SameDigest(string? a, string b) =>
        a is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    /// <summary>What the cookie holds (protected): the account by id, the stamp's digest, and the browser's digest.</summary>
    private sealed record State(string UserId, string Stamp, FirstSignInStage Stage, bool MultiFactor, string? ReturnUrl, string Browser, long ExpiresAt);
}
