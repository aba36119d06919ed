using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Identity;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Account;

/// <summary>
/// The changes a person makes to their own account once they have proved who they are: a new password,
/// an authenticator. One way for both surfaces that make them, the account API (<c>/api/account/*</c>)
/// and the sign-in page's first sign-in: the same password rules, the audit record in the change's own
/// transaction, and the sessions a new password ends.
/// </summary>
public sealed class AccountChanges(
    UserManager<ConclaveUser> users,
    TotpVerifier totp,
    SessionTermination sessions,
    ConclaveDbContext db,
    IAuditLog audit)
{
    /// <summary>How many recovery codes an enrolment hands out (each works once).</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>
    /// Replaces the password of an account whose current credentials the caller has checked, under the
    /// password rules (<c>Conclave:Accounts</c>); clears the one-time-password flag. Audited as
    /// <c>account.password.change</c> in the same transaction.
    /// </summary>
    public async Task<Result<ConclaveUser>> SetPasswordAsync(ConclaveUser user, string? newPassword, string? from, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(newPassword))
        {
            return new Error(ErrorCodes.Request.Invalid, "newPassword is required.");
        }

        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            // Identity's reset path: the password rules, a new hash and a rotated security stamp. The stamp
            // ends every token and session issued before at its next use (Sessions/PrincipalState); the
            // ones held now end below.
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var changed = await users.ResetPasswordAsync(user, token, newPassword);
            if (!changed.Succeeded)
            {
                return new Error(ErrorCodes.Auth.PasswordRejected, string.Join(" ", changed.Errors.Select(e => e.Description)));
            }

            user.MustChangePassword = false;
            await users.UpdateAsync(user);
            await change.CommitAsync(
                new AuditEntry(AuditActions.PasswordChange, AuditOutcome.Success, user.Id, user.UserName, user.UserName, from),
                cancellationToken);
        }

        await sessions.EndAsync(user.Id, "password changed", CancellationToken.None);
        return user;
    }

    /// <summary>Whether the account may enrol an authenticator now: its one-time password replaced, none enrolled yet.</summary>
    public static Result<ConclaveUser> MayEnrol(ConclaveUser user)
    {
        if (user.MustChangePassword)
        {
            return new Error(ErrorCodes.Auth.PasswordChangeRequired, "The one-time password must be changed first.", ErrorKind.Forbidden);
        }

        if (user.TwoFactorEnabled)
        {
            return new Error(ErrorCodes.Auth.MfaAlreadyEnrolled, "An authenticator is already enrolled.", ErrorKind.Conflict);
        }

        return user;
    }

    /// <summary>
    /// Issues a new authenticator key (rotating the security stamp) and its <c>otpauth://</c> URI. Audited
    /// as <c>account.mfa.enroll</c>. The caller has checked <see cref="MayEnrol"/>.
    /// </summary>
    public async Task<MfaEnrollment> StartEnrolmentAsync(ConclaveUser user, string? from, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        await users.ResetAuthenticatorKeyAsync(user);
        var secret = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        await change.CommitAsync(
            new AuditEntry(AuditActions.MfaEnrollStart, AuditOutcome.Success, user.Id, user.UserName, user.UserName, from),
            cancellationToken);
        return new MfaEnrollment(secret, OtpauthUri(user, secret));
    }

    /// <summary>The key URI of the authenticator key already issued to <paramref name="user"/>, or null when none was.</summary>
    public async Task<MfaEnrollment?> PendingEnrolmentAsync(ConclaveUser user) =>
        await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } secret ? new MfaEnrollment(secret, OtpauthUri(user, secret)) : null;

    /// <summary>
    /// Confirms the enrolment with a current code of the issued key: second factor on, recovery codes
    /// issued (shown once; only their digests are kept). A wrong code counts toward lockout. Audited as
    /// <c>account.mfa.confirm</c>, success or failure. The caller has checked <see cref="MayEnrol"/>.
    /// </summary>
    public async Task<Result<IReadOnlyList<string>>> ConfirmEnrolmentAsync(ConclaveUser user, string? code, string? from, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return new Error(ErrorCodes.Request.Invalid, "code is required.");
        }

        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return new Error(ErrorCodes.Auth.MfaNotStarted, "Start with POST /api/account/mfa/enroll.", ErrorKind.Conflict);
        }

        if (!await totp.VerifyAsync(user, code, cancellationToken))
        {
            await users.AccessFailedAsync(user);
            await audit.RecordAsync(
                new AuditEntry(AuditActions.MfaEnrolled, AuditOutcome.Failure, user.Id, user.UserName, user.UserName, from),
                cancellationToken);
            return new Error(ErrorCodes.Auth.MfaInvalid, "The authentication code is wrong.");
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, true);
        await AuthenticatorReset.CompleteAsync(users, user);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await change.CommitAsync(
            new AuditEntry(AuditActions.MfaEnrolled, AuditOutcome.Success, user.Id, user.UserName, user.UserName, from,
                new JsonObject { ["recoveryCodes"] = RecoveryCodeCount }),
            cancellationToken);
        return Result<IReadOnlyList<string>>.Success([.. recoveryCodes]);
    }

    /// <summary>Key URI format (Google Authenticator): SHA-1, 6 digits, 30 s, RFC 6238 §4's defaults.</summary>
    private static string OtpauthUri(ConclaveUser user, string secret) =>
        $"otpauth://totp/{Uri.EscapeDataString($"Conclave:{user.UserName}")}?secret={secret}&issuer=Conclave&algorithm=SHA1&digits=6&period=30";
}
