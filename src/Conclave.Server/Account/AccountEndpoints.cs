using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
namespace Conclave.Server.Account;

/// <summary>/api/account/*: password change and MFA enrolment, usable before any token exists (rate limited).</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account").AllowAnonymous();
        group.MapPost("/password", ChangePasswordAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/mfa/enroll", EnrollAsync).Produces<MfaEnrollment>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/mfa/confirm", ConfirmAsync).Produces<MfaConfirmation>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ChangePasswordAsync(
        PasswordChange body,
        HttpContext context,
        SignInService signIns,
        UserManager<ConclaveUser> users,
        SessionTermination sessions,
        ConclaveDbContext db,
        IAuditLog audit,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body.NewPassword))
        {
            return Problems.Invalid("newPassword", ErrorCodes.Request.Invalid, "newPassword is required.");
        }

        var check = await signIns.CheckPasswordAsync(body.Upn, body.CurrentPassword, cancellationToken);
        if (!check.IsSuccess)
        {
            return Problems.FromError(check.Error);
        }

        var user = check.Value;
        if (user.TwoFactorEnabled)
        {
            // A password alone must not replace the password of an account that has a second factor.
            var second = await signIns.VerifySecondFactorAsync(
                user, new SignInService.Credentials(body.Upn, null, body.Totp, body.RecoveryCode), cancellationToken);
            if (!second.IsSuccess)
            {
                return Problems.FromError(second.Error);
            }
        }

        // ChangePasswordAsync rotates the security stamp: every token and session issued before ends
        // at its next use (Sessions/PrincipalState), and the ones held now end below.
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var changed = await users.ChangePasswordAsync(user, body.CurrentPassword!, body.NewPassword);
        if (!changed.Succeeded)
        {
            return Problems.Invalid("newPassword", ErrorCodes.Auth.PasswordRejected, string.Join(" ", changed.Errors.Select(e => e.Description)));
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await change.CommitAsync(
            new AuditEntry(AuditActions.PasswordChange, AuditOutcome.Success, user.Id, user.UserName, user.UserName, ClientAddress.Of(context)),
            cancellationToken);
        await sessions.EndAsync(user.Id, "password changed", CancellationToken.None);
        return Results.NoContent();
    }

    private static async Task<IResult> EnrollAsync(
        Enroll body, HttpContext context, SignInService signIns, UserManager<ConclaveUser> users, ConclaveDbContext db, IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var check = await CheckForMfaAsync(signIns, body.Upn, body.Password, cancellationToken);
        if (!check.IsSuccess)
        {
            return Problems.FromError(check.Error);
        }

        var user = check.Value;
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        await users.ResetAuthenticatorKeyAsync(user);
        var secret = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("No authenticator key.");
        var label = Uri.EscapeDataString($"Conclave:{user.UserName}");
        // Key URI format (Google Authenticator): SHA-1, 6 digits, 30 s as RFC 6238 §4 defaults.
        var uri = $"otpauth://totp/{label}?secret={secret}&issuer=Conclave&algorithm=SHA1&digits=6&period=30";
        await change.CommitAsync(
            new AuditEntry(AuditActions.MfaEnrollStart, AuditOutcome.Success, user.Id, user.UserName, user.UserName, ClientAddress.Of(context)),
            cancellationToken);
        return Results.Ok(new MfaEnrollment(secret, uri));
    }

    private static async Task<IResult> ConfirmAsync(
        Confirm body, HttpContext context, SignInService signIns, UserManager<ConclaveUser> users, TotpVerifier totp, ConclaveDbContext db,
        IAuditLog audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Code))
        {
            return Problems.Invalid("code", ErrorCodes.Request.Invalid, "code is required.");
        }

        var check = await CheckForMfaAsync(signIns, body.Upn, body.Password, cancellationToken);
        if (!check.IsSuccess)
        {
            return Problems.FromError(check.Error);
        }

        var user = check.Value;
        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return Problems.FromError(new Error(ErrorCodes.Auth.MfaNotStarted, "Start with POST /api/account/mfa/enroll.", ErrorKind.Conflict));
        }

        if (!await totp.VerifyAsync(user, body.Code, cancellationToken))
        {
            await users.AccessFailedAsync(user);
            await audit.RecordAsync(
                new AuditEntry(AuditActions.MfaEnrolled, AuditOutcome.Failure, user.Id, user.UserName, user.UserName, ClientAddress.Of(context)),
                cancellationToken);
            return Problems.Invalid("code", ErrorCodes.Auth.MfaInvalid, "The authentication code is wrong.");
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, true);
        await AuthenticatorReset.CompleteAsync(users, user);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        await change.CommitAsync(
            new AuditEntry(AuditActions.MfaEnrolled, AuditOutcome.Success, user.Id, user.UserName, user.UserName, ClientAddress.Of(context),
                new JsonObject { ["recoveryCodes"] = 10 }),
            cancellationToken);
        return Results.Ok(new MfaConfirmation([.. recoveryCodes]));
    }

    private static async Task<Result<ConclaveUser>> CheckForMfaAsync(SignInService signIns, string? upn, string? password, CancellationToken cancellationToken)
    {
        var check = await signIns.CheckPasswordAsync(upn, password, cancellationToken);
        if (!check.IsSuccess)
        {
            return check;
        }

        if (check.Value.MustChangePassword)
        {
            return new Error(ErrorCodes.Auth.PasswordChangeRequired, "The one-time password must be changed first.", ErrorKind.Forbidden);
        }

        if (check.Value.TwoFactorEnabled)
        {
            return new Error(ErrorCodes.Auth.MfaAlreadyEnrolled, "An authenticator is already enrolled.", ErrorKind.Conflict);
        }

        return check;
    }
}
