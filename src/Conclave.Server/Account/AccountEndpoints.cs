using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Identity;
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
        AccountChanges changes,
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

        var changed = await changes.SetPasswordAsync(user, body.NewPassword, ClientAddress.Of(context), cancellationToken);
        return changed.IsSuccess ? Results.NoContent() : Problems.FromError(changed.Error, "newPassword");
    }

    private static async Task<IResult> EnrollAsync(
        Enroll body, HttpContext context, SignInService signIns, AccountChanges changes, CancellationToken cancellationToken)
    {
        var check = await CheckForMfaAsync(signIns, body.Upn, body.Password, cancellationToken);
        if (!check.IsSuccess)
        {
            return Problems.FromError(check.Error);
        }

        return Results.Ok(await changes.StartEnrolmentAsync(check.Value, ClientAddress.Of(context), cancellationToken));
    }

    private static async Task<IResult> ConfirmAsync(
        Confirm body, HttpContext context, SignInService signIns, AccountChanges changes, CancellationToken cancellationToken)
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

        var confirmed = await changes.ConfirmEnrolmentAsync(check.Value, body.Code, ClientAddress.Of(context), cancellationToken);
        return confirmed.IsSuccess
            ? Results.Ok(new MfaConfirmation(confirmed.Value))
            : Problems.FromError(confirmed.Error, confirmed.Error.Kind == ErrorKind.Invalid ? "code" : null);
    }

    private static async Task<Result<ConclaveUser>> CheckForMfaAsync(SignInService signIns, string? upn, string? password, CancellationToken cancellationToken)
    {
        var check = await signIns.CheckPasswordAsync(upn, password, cancellationToken);
        return check.IsSuccess ? AccountChanges.MayEnrol(check.Value) : check;
    }
}
