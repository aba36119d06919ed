using Conclave.Domain.Directory;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Directory;

/// <summary>Finds a directory user the way every API names one: by UPN, or by id.</summary>
public static class UserLookup
{
    /// <summary>The user named by <paramref name="idOrUpn"/> (a UPN if it parses as one, else an id), or null.</summary>
    public static async Task<ConclaveUser?> FindAsync(UserManager<ConclaveUser> users, string? idOrUpn)
    {
        ArgumentNullException.ThrowIfNull(users);
        if (string.IsNullOrWhiteSpace(idOrUpn))
        {
            return null;
        }

        var upn = Upn.Parse(idOrUpn);
        return upn.IsSuccess ? await users.FindByNameAsync(upn.Value.Value) : await users.FindByIdAsync(idOrUpn);
    }
}
