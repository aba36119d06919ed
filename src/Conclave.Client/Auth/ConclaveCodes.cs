namespace Conclave.Client.Auth;

/// <summary>The <c>conclave_code</c> values of sign-in refusals (docs/api.md, password grant).</summary>
public static class ConclaveCodes
{
    public const string InvalidCredentials = "auth.invalid_credentials";
    public const string LockedOut = "auth.locked_out";
    public const string MfaRequired = "auth.mfa_required";
    public const string MfaInvalid = "auth.mfa_invalid";
    public const string MfaEnrollmentRequired = "auth.mfa_enrollment_required";
    public const string PasswordChangeRequired = "auth.password_change_required";
}
