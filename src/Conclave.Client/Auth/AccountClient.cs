using System.Net.Http.Json;
using Conclave.Client.Api;
using Conclave.Contracts.Errors;

namespace Conclave.Client.Auth;

/// <summary>The account endpoints a person uses before holding a token: first password change and TOTP enrolment.</summary>
public sealed class AccountClient
{
    private readonly ConclaveConnection _connection;

    public AccountClient(ConclaveConnection connection) => _connection = connection ?? throw new ArgumentNullException(nameof(connection));

    /// <summary><c>POST /api/account/password</c> → 204.</summary>
    public Task ChangePasswordAsync(string upn, string currentPassword, string newPassword, CancellationToken cancellationToken) =>
        ChangePasswordAsync(upn, currentPassword, newPassword, null, null, cancellationToken);

    /// <summary>
    /// <c>POST /api/account/password</c> → 204. An account with a second factor gives <paramref name="totp"/> or
    /// <paramref name="recoveryCode"/> as well (without one the server answers <c>auth.mfa_required</c>).
    /// </summary>
    public async Task ChangePasswordAsync(
        string upn, string currentPassword, string newPassword, string? totp, string? recoveryCode, CancellationToken cancellationToken)
    {
        using var response = await _connection.PostJsonAsync(
            "api/account/password", new Contracts.Api.PasswordChange(upn, currentPassword, newPassword, totp, recoveryCode), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await ApiProblemException.FromResponseAsync(response, cancellationToken);
    }

    /// <summary><c>POST /api/account/mfa/enroll</c>: a new TOTP secret, valid once confirmed.</summary>
    public async Task<MfaEnrollment> EnrollMfaAsync(string upn, string password, CancellationToken cancellationToken)
    {
        using var response = await _connection.PostJsonAsync("api/account/mfa/enroll", new { upn, password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await ApiProblemException.FromResponseAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<MfaEnrollment>(ConclaveJson.Options, cancellationToken)
            ?? throw new ApiProblemException((int)response.StatusCode, ErrorCodes.Client.InvalidResponse, null, "Empty enrolment answer.");
    }

    /// <summary><c>POST /api/account/mfa/confirm</c>: turns MFA on and returns the recovery codes (shown once).</summary>
    public async Task<IReadOnlyList<string>> ConfirmMfaAsync(string upn, string password, string code, CancellationToken cancellationToken)
    {
        using var response = await _connection.PostJsonAsync("api/account/mfa/confirm", new { upn, password, code }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await ApiProblemException.FromResponseAsync(response, cancellationToken);
        var confirmation = await response.Content.ReadFromJsonAsync<MfaConfirmation>(ConclaveJson.Options, cancellationToken);
        return confirmation?.RecoveryCodes ?? [];
    }

    private sealed record MfaConfirmation(IReadOnlyList<string> RecoveryCodes);
}

/// <summary>A TOTP secret (base32) and its <c>otpauth://</c> URI for an authenticator app.</summary>
public sealed record MfaEnrollment(string Secret, string OtpauthUri);
