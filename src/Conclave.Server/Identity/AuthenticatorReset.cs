using Conclave.Server.Directory;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Identity;

/// <summary>
/// An administrator's reset of a person's second factor, as Entra's "require re-register MFA": the
/// authenticator key and every recovery code go, and the next sign-in must enrol a new authenticator
/// (<see cref="IsPendingAsync"/>), whether or not a role requires one. The mark is a row of Identity's
/// token table, so no schema change is needed; enrolling again removes it (<see cref="CompleteAsync"/>).
/// </summary>
public static class AuthenticatorReset
{
    /// <summary>Our own provider name, beside Identity's <see cref="UserSecretProtector.LoginProvider"/>.</summary>
    private const string Provider = "[Conclave]";
    private const string PendingName = "MfaReenrollmentRequired";

    /// <summary>Removes the second factor and marks the account for enrolment; rotates the security stamp so tokens end.</summary>
    public static async Task<IdentityResult> ResetAsync(UserManager<ConclaveUser> users, ConclaveUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        var steps = new Func<Task<IdentityResult>>[]
        {
            () => users.SetTwoFactorEnabledAsync(user, false),
            () => users.RemoveAuthenticationTokenAsync(user, UserSecretProtector.LoginProvider, UserSecretProtector.AuthenticatorKeyName),
            () => users.RemoveAuthenticationTokenAsync(user, UserSecretProtector.LoginProvider, UserSecretProtector.RecoveryCodesName),
            () => users.SetAuthenticationTokenAsync(user, Provider, PendingName, "true"),
            () => users.UpdateSecurityStampAsync(user),
        };
        foreach (var step in steps)
        {
            var result = await step();
            if (!result.Succeeded)
            {
                return result;
            }
        }

        return IdentityResult.Success;
    }

    /// <summary>True while an administrator's reset waits for the person to enrol a new authenticator.</summary>
    public static async Task<bool> IsPendingAsync(UserManager<ConclaveUser> users, ConclaveUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return await users.GetAuthenticationTokenAsync(user, Provider, PendingName) is not null;
    }

    /// <summary>Called once a new authenticator is confirmed.</summary>
    public static Task<IdentityResult> CompleteAsync(UserManager<ConclaveUser> users, ConclaveUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return users.RemoveAuthenticationTokenAsync(user, Provider, PendingName);
    }
}
