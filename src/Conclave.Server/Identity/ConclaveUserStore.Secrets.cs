using Conclave.Server.Directory;

namespace Conclave.Server.Identity;

/// <summary>Second-factor secrets kept protected at rest (<see cref="UserSecretProtector"/>).</summary>
public sealed partial class ConclaveUserStore
{
    public override Task SetAuthenticatorKeyAsync(ConclaveUser user, string key, CancellationToken cancellationToken) =>
        base.SetAuthenticatorKeyAsync(user, secrets.ProtectKey(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(ConclaveUser user, CancellationToken cancellationToken) =>
        secrets.UnprotectKey(await base.GetAuthenticatorKeyAsync(user, cancellationToken));

    public override Task ReplaceCodesAsync(ConclaveUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, UserSecretProtector.LoginProvider, UserSecretProtector.RecoveryCodesName, UserSecretProtector.HashCodes(recoveryCodes), cancellationToken);

    /// <summary>
    /// True once per code. The caller (<c>UserManager.RedeemTwoFactorRecoveryCodeAsync</c>) saves the
    /// shortened list with the user under its concurrency stamp, so two concurrent uses of one code
    /// cannot both succeed.
    /// </summary>
    public override async Task<bool> RedeemCodeAsync(ConclaveUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, UserSecretProtector.LoginProvider, UserSecretProtector.RecoveryCodesName, cancellationToken);
        if (!UserSecretProtector.TryRedeem(stored, code, out var remaining))
        {
            return false;
        }

        await SetTokenAsync(user, UserSecretProtector.LoginProvider, UserSecretProtector.RecoveryCodesName, remaining, cancellationToken);
        return true;
    }
}
