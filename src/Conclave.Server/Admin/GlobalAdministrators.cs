using Conclave.Domain.Directory;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Admin;

/// <summary>The rule that a tenant always keeps an enabled Global administrator, who can repair everything else.</summary>
internal static class GlobalAdministrators
{
    /// <summary>True when <paramref name="user"/> holds the role and no other enabled user does.</summary>
    public static async Task<bool> IsLastAsync(UserManager<ConclaveUser> users, ConclaveUser user)
    {
        var holders = await users.GetUsersInRoleAsync(nameof(AdminRole.GlobalAdministrator));
        return holders.Any(u => u.Id == user.Id) && !holders.Any(u => u.Id != user.Id && u.Enabled);
    }
}
