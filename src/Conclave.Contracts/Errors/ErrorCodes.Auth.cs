namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Sign-in, sessions and access (token requests, <c>/api/account</c>, authorization policies).</summary>
    public static class Auth
    {
        public const string Unauthenticated = "auth.unauthenticated";
        public const string Forbidden = "auth.forbidden";
        public const string UserRequired = "auth.user_required";
        public const string InvalidCredentials = "auth.invalid_credentials";
        public const string LockedOut = "auth.locked_out";
        public const string MfaRequired = "auth.mfa_required";
        public const string MfaInvalid = "auth.mfa_invalid";
        public const string MfaEnrollmentRequired = "auth.mfa_enrollment_required";
        public const string MfaAlreadyEnrolled = "auth.mfa_already_enrolled";
        public const string MfaNotStarted = "auth.mfa_not_started";
        public const string PasswordChangeRequired = "auth.password_change_required";
        public const string PasswordRejected = "auth.password_rejected";
        public const string AccountDisabled = "auth.account_disabled";
        public const string SessionRevoked = "auth.session_revoked";
        public const string StepUpRequired = "auth.step_up_required";
        public const string SignInStepInvalid = "auth.sign_in_step_invalid";
        public const string SessionNotFound = "auth.session_not_found";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(Unauthenticated, "401: no valid access token or session cookie came with the request."),
            new(Forbidden, "403: the caller is signed in but lacks the role or permission the endpoint needs."),
            new(UserRequired, "403: the surface acts for a person; an app registration's token is refused whatever its roles."),
            new(InvalidCredentials, "The user name or password is wrong (one answer for both, so that accounts cannot be probed)."),
            new(LockedOut, "Too many failed sign-ins: the account is locked for a while."),
            new(MfaRequired, "The account has a second factor: send the TOTP or a recovery code as well."),
            new(MfaInvalid, "The TOTP or recovery code is wrong or was used already."),
            new(MfaEnrollmentRequired, "The account must enrol a second factor (an admin role requires one) before it may sign in."),
            new(MfaAlreadyEnrolled, "The account has a second factor already; remove it before enrolling another."),
            new(MfaNotStarted, "No TOTP enrolment was started for this account: start one first."),
            new(PasswordChangeRequired, "The one-time password must be changed first (POST /api/account/password)."),
            new(PasswordRejected, "The new password does not meet the password rules; the detail says which."),
            new(AccountDisabled, "The account is disabled or no longer exists: its tokens, sessions and connections end."),
            new(SessionRevoked, "The session was ended (password change, disable, role removal, sign-out everywhere): sign in again."),
            new(StepUpRequired, "The account now needs a second factor the session did not perform: sign in again with it."),
            new(SignInStepInvalid, "A step of a first sign-in (new password, authenticator) came without its state, or with one that expired, was used already or belongs to another browser: sign in again."),
            new(SessionNotFound, "404: the account has no such signed-in session (it ended, or the id names another account's)."),
        ];
    }
}
