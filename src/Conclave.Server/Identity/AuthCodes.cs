namespace Conclave.Server.Identity;

/// <summary>The <c>conclave_code</c> values of sign-in refusals (docs/api.md).</summary>
public static class AuthCodes
{
    public const string InvalidCredentials = "auth.invalid_credentials";
    public const string LockedOut = "auth.locked_out";
    public const string MfaRequired = "auth.mfa_required";
    public const string MfaInvalid = "auth.mfa_invalid";
    public const string MfaEnrollmentRequired = "auth.mfa_enrollment_required";
    public const string PasswordChangeRequired = "auth.password_change_required";
    public const string MfaAlreadyEnrolled = "auth.mfa_already_enrolled";
    public const string PasswordRejected = "auth.password_rejected";

    /// <summary>The account was disabled: its tokens, sessions and connections end.</summary>
    public const string AccountDisabled = "auth.account_disabled";

    /// <summary>The session was ended (password change, disable, role removal, sign-out everywhere): sign in again.</summary>
    public const string SessionRevoked = "auth.session_revoked";

    /// <summary>The account now needs a second factor the session did not perform (e.g. an admin role was granted): sign in again with MFA.</summary>
    public const string StepUpRequired = "auth.step_up_required";
}
