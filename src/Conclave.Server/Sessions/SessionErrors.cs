using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Server.Sessions;

/// <summary>Why a session may not go on (token issuance, API requests, hub invocations).</summary>
public static class SessionErrors
{
    public static Error AccountDisabled { get; } =
        new(ErrorCodes.Auth.AccountDisabled, "The account is disabled or no longer exists.", ErrorKind.Forbidden);

    public static Error Revoked { get; } =
        new(ErrorCodes.Auth.SessionRevoked, "This session has ended (the password changed or access was revoked): sign in again.", ErrorKind.Forbidden);

    public static Error StepUpRequired { get; } =
        new(ErrorCodes.Auth.StepUpRequired, "This account now requires a second factor: sign in again with it.", ErrorKind.Forbidden);

    public static Error PasswordChangeRequired { get; } =
        new(ErrorCodes.Auth.PasswordChangeRequired, "The one-time password must be changed first (POST /api/account/password).", ErrorKind.Forbidden);
}
