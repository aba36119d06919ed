namespace Conclave.Contracts.Api;

// /api/account (docs/api.md): usable before any token exists.

/// <summary>POST /api/account/password. An account with MFA gives its second factor as well: <paramref name="Totp"/> or <paramref name="RecoveryCode"/>.</summary>
public sealed record PasswordChange(string? Upn, string? CurrentPassword, string? NewPassword, string? Totp = null, string? RecoveryCode = null);

/// <summary>POST /api/account/mfa/enroll.</summary>
public sealed record Enroll(string? Upn, string? Password);

/// <summary>POST /api/account/mfa/confirm with the first TOTP <paramref name="Code"/>.</summary>
public sealed record Confirm(string? Upn, string? Password, string? Code);

/// <summary>The answer to an enrolment: the TOTP secret (base32) and its otpauth URI (RFC 6238 authenticator apps).</summary>
public sealed record MfaEnrollment(string Secret, string OtpauthUri);

/// <summary>The answer to a confirmed enrolment: the one-use recovery codes, shown once.</summary>
public sealed record MfaConfirmation(IReadOnlyList<string> RecoveryCodes);
