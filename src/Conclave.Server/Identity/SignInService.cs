using System.Text.Json.Nodes;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Identity;

/// <summary>
/// Checks a person's credentials for every sign-in path (password grant, web sign-in page, account
/// endpoints): password with lockout, the one-time-password rule, and the second factor.
/// </summary>
public sealed partial class SignInService(
    UserManager<ConclaveUser> users,
    SignInManager<ConclaveUser> signIns,
    IPasswordHasher<ConclaveUser> hasher,
    IOptions<AccountOptions> options,
    TotpVerifier totp,
    IAuditLog audit,
    SignInTelemetry telemetry,
    ILogger<SignInService> logger)
{
    private static readonly ConclaveUser Nobody = new();
    private static readonly Error InvalidCredentials = new(ErrorCodes.Auth.InvalidCredentials, "The user name or password is wrong.", ErrorKind.Forbidden);
    private static readonly Error MfaInvalid = new(ErrorCodes.Auth.MfaInvalid, "The authentication code is wrong.", ErrorKind.Forbidden);
    private static string? _decoyHash;

    /// <summary>A password and, for MFA, one of a TOTP code or a recovery code.</summary>
    public sealed record Credentials(string? Upn, string? Password, string? Totp = null, string? RecoveryCode = null);

    /// <summary>Who signed in, and whether the second factor was checked (it is whenever the account requires it).</summary>
    public sealed record SignedIn(ConclaveUser User, bool MultiFactor);

    /// <summary>
    /// An account whose credentials were right but that must finish a first sign-in before it may sign in:
    /// change its one-time password (<paramref name="MustChangePassword"/>) and/or enrol an authenticator.
    /// <paramref name="MultiFactor"/> tells whether an enrolled second factor was checked too.
    /// </summary>
    public sealed record FirstSignInPending(ConclaveUser User, bool MustChangePassword, bool MultiFactor);

    /// <summary>The sign-in page's outcome: a sign-in, or a refusal that may be a first sign-in to continue (<see cref="Pending"/>).</summary>
    public sealed record PageSignIn(Result<SignedIn> Result, FirstSignInPending? Pending);

    /// <summary>Full sign-in: password, password-change rule, MFA. Audited as <c>signin</c>.</summary>
    public async Task<Result<SignedIn>> SignInAsync(Credentials credentials, string? from, string via, CancellationToken cancellationToken) =>
        (await SignInOrFirstAsync(credentials, from, via, cancellationToken)).Result;

    /// <summary>
    /// As <see cref="SignInAsync"/> (same checks, same audit), for the sign-in page, which can take a person
    /// through the rest of a first sign-in: an account refused only because its one-time password must be
    /// changed or an authenticator enrolled, after its password (and an enrolled second factor) were right,
    /// comes back in <see cref="PageSignIn.Pending"/>.
    /// </summary>
    public async Task<PageSignIn> SignInOrFirstAsync(Credentials credentials, string? from, string via, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartSignIn(via);
        var password = await CheckPasswordAndLockoutAsync(credentials.Upn, credentials.Password, cancellationToken);
        var passwordAccepted = password.IsSuccess;
        var result = password.IsSuccess
            ? await CheckSecondFactorAsync(password.Value, credentials, cancellationToken)
            : Result<SignedIn>.Failure(password.Error);

        var user = result.IsSuccess ? result.Value.User : null;
        await audit.RecordAsync(
            new AuditEntry(
                AuditActions.SignIn,
                result.IsSuccess ? AuditOutcome.Success : AuditOutcome.Failure,
                ActorId: user?.Id,
                ActorUpn: user?.UserName ?? Truncate(credentials.Upn),
                FromAddress: from,
                Details: new JsonObject { ["via"] = via, ["code"] = result.Error?.Code }),
            cancellationToken);
        if (result.IsSuccess)
        {
            IdentityLog.SignedIn(logger, user!.Id, via);
            telemetry.SignedIn(activity, via, user.Id);
        }
        else
        {
            IdentityLog.SignInRefused(logger, result.Error.Code, via);
            telemetry.Refused(activity, via, result.Error.Code);
        }

        FirstSignInPending? pending = result.Error?.Code switch
        {
            ErrorCodes.Auth.PasswordChangeRequired => new FirstSignInPending(password.Value, MustChangePassword: true, password.Value.TwoFactorEnabled),
            ErrorCodes.Auth.MfaEnrollmentRequired => new FirstSignInPending(password.Value, MustChangePassword: false, MultiFactor: false),
            _ => null,
        };
        return new PageSignIn(Conceal(result, passwordAccepted), pending);
    }

    /// <summary>
    /// Records the end of a first sign-in taken through the sign-in page's steps (new password, enrolment)
    /// as the sign-in it is: audited as <c>signin</c>, logged and counted as <see cref="SignInAsync"/> does.
    /// </summary>
    public async Task CompleteFirstSignInAsync(ConclaveUser user, string? from, string via, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartSignIn(via);
        await audit.RecordAsync(
            new AuditEntry(
                AuditActions.SignIn,
                AuditOutcome.Success,
                ActorId: user.Id,
                ActorUpn: user.UserName,
                FromAddress: from,
                Details: new JsonObject { ["via"] = via, ["firstSignIn"] = true }),
            cancellationToken);
        IdentityLog.SignedIn(logger, user.Id, via);
        telemetry.SignedIn(activity, via, user.Id);
    }

    /// <summary>Password only, with lockout: for the account endpoints (change password, MFA enrolment).</summary>
    public async Task<Result<ConclaveUser>> CheckPasswordAsync(string? upnText, string? password, CancellationToken cancellationToken)
    {
        var result = await CheckPasswordAndLockoutAsync(upnText, password, cancellationToken);
        if (!result.IsSuccess)
        {
            IdentityLog.PasswordCheckRefused(logger, result.Error.Code);
        }

        return Conceal(result, passwordAccepted: false);
    }

    /// <summary>
    /// The password check with its true outcome, <see cref="ErrorCodes.Auth.LockedOut"/> included, for the
    /// audit log and the server log; callers answer with <see cref="Conceal"/>.
    /// </summary>
    private async Task<Result<ConclaveUser>> CheckPasswordAndLockoutAsync(string? upnText, string? password, CancellationToken cancellationToken)
    {
        var upn = Upn.Parse(upnText);
        var user = upn.IsSuccess ? await users.FindByNameAsync(upn.Value.Value) : null;
        if (user is null || !user.Enabled || string.IsNullOrEmpty(password))
        {
            // Hash anyway, so an unknown or disabled account answers as slowly as a wrong password.
            DecoyHash(password);
            return InvalidCredentials;
        }

        var check = await signIns.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            // Identity refuses a locked account before hashing: hash anyway, or the quick answer would
            // tell a locked (so existing) account from an unknown one as surely as its code would.
            DecoyHash(password);
            return new Error(ErrorCodes.Auth.LockedOut, "Too many failed attempts: the account is locked for a while.", ErrorKind.TooMany);
        }

        if (!check.Succeeded)
        {
            return InvalidCredentials;
        }

        return user;
    }

    /// <summary>
    /// What a client is told. A locked account answers as an unknown account or a wrong password does
    /// (<see cref="ErrorCodes.Auth.InvalidCredentials"/>), or, after a right password, as a wrong second
    /// factor does (<see cref="ErrorCodes.Auth.MfaInvalid"/>): an answer of its own would tell anyone which
    /// accounts exist, since only those ever lock. The lockout still holds (the right password is
    /// refused until it ends); the audit record and the server log keep <see cref="ErrorCodes.Auth.LockedOut"/>.
    /// </summary>
    private static Result<T> Conceal<T>(Result<T> result, bool passwordAccepted) =>
        result.Error?.Code == ErrorCodes.Auth.LockedOut ? (passwordAccepted ? MfaInvalid : InvalidCredentials) : result;

    private void DecoyHash(string? password)
    {
        _decoyHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(Nobody, _decoyHash, password ?? "");
    }

    /// <summary>Whether this user must present a second factor (enrolled, reset by an administrator, or an administrator under the default rule).</summary>
    public async Task<bool> RequiresMfaAsync(ConclaveUser user)
    {
        if (user.TwoFactorEnabled || await AuthenticatorReset.IsPendingAsync(users, user))
        {
            return true;
        }

        if (!options.Value.MfaRequiredForAdministrators)
        {
            return false;
        }

        var roles = await users.GetRolesAsync(user);
        return roles.Count > 0;
    }

    private async Task<Result<SignedIn>> CheckSecondFactorAsync(ConclaveUser user, Credentials credentials, CancellationToken cancellationToken)
    {
        if (user.MustChangePassword)
        {
            // An account that keeps its authenticator through a password reset proves it before anything
            // else is said about it: a password alone never leads to replacing the password of such an account.
            if (user.TwoFactorEnabled)
            {
                var enrolled = await CheckEnrolledFactorAsync(user, credentials, cancellationToken);
                if (!enrolled.IsSuccess)
                {
                    return enrolled.Error;
                }
            }

            return new Error(ErrorCodes.Auth.PasswordChangeRequired, "The one-time password must be changed first (POST /api/account/password).", ErrorKind.Forbidden);
        }

        if (!await RequiresMfaAsync(user))
        {
            return new SignedIn(user, MultiFactor: false);
        }

        if (!user.TwoFactorEnabled)
        {
            return new Error(ErrorCodes.Auth.MfaEnrollmentRequired, "An authenticator must be enrolled first (POST /api/account/mfa/enroll).", ErrorKind.Forbidden);
        }

        var second = await CheckEnrolledFactorAsync(user, credentials, cancellationToken);
        return second.IsSuccess ? new SignedIn(user, MultiFactor: true) : second.Error;
    }

    /// <summary>
    /// Checks the enrolled second factor alone (a TOTP code or a recovery code), counting a wrong one
    /// toward lockout: for changes an enrolled account makes to itself (password change). A lockout
    /// answers as a wrong code (<see cref="Conceal"/>).
    /// </summary>
    public async Task<Result<ConclaveUser>> VerifySecondFactorAsync(ConclaveUser user, Credentials credentials, CancellationToken cancellationToken) =>
        Conceal(await CheckEnrolledFactorAsync(user, credentials, cancellationToken), passwordAccepted: true);

    private async Task<Result<ConclaveUser>> CheckEnrolledFactorAsync(ConclaveUser user, Credentials credentials, CancellationToken cancellationToken)
    {
        bool valid;
        if (!string.IsNullOrEmpty(credentials.Totp))
        {
            valid = await totp.VerifyAsync(user, credentials.Totp, cancellationToken);
        }
        else if (!string.IsNullOrEmpty(credentials.RecoveryCode))
        {
            valid = (await users.RedeemTwoFactorRecoveryCodeAsync(user, credentials.RecoveryCode.Trim())).Succeeded;
        }
        else
        {
            return new Error(ErrorCodes.Auth.MfaRequired, "A TOTP code or a recovery code is required.", ErrorKind.Forbidden);
        }

        if (!valid)
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                return new Error(ErrorCodes.Auth.LockedOut, "Too many failed attempts: the account is locked for a while.", ErrorKind.TooMany);
            }

            return MfaInvalid;
        }

        await users.ResetAccessFailedCountAsync(user);
        return user;
    }

    private static string? Truncate(string? text) => text is null ? null : text.Length <= 256 ? text : text[..256];
}
