using Conclave.Server.Directory;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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
    public static async Task<IdentityResult> ResetAsync(
        UserManager<ConclaveUser> users, ConclaveDbContext db, ConclaveUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        // The last accepted time step guarded the old key's codes against replay (RFC 6238 §5.2); the key is
        // gone, and a new key's first code in the same 30 s is no replay of anything.
        await db.Set<TotpStepRecord>().Where(r => r.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
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
