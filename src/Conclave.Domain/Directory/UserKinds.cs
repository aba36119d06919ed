using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Directory;

/// <summary>Parsing and rules on <see cref="UserKind"/>.</summary>
public static class UserKinds
{
    public static Result<UserKind> Parse(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return UserKind.Member;
        }

        foreach (var kind in Enum.GetValues<UserKind>())
        {
            if (string.Equals(kind.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return new Error(ErrorCodes.Directory.InvalidKind, $"Unknown user kind '{name}'.");
    }

    /// <summary>Anonymous and PSTN participants never hold a directory account that signs in.</summary>
    public static bool HasAccount(UserKind kind) => kind is UserKind.Member or UserKind.Guest or UserKind.Federated;

    /// <summary>
    /// Null when an account may change to <paramref name="kind"/>; else why not. Only kinds with an account can be
    /// held by one. An administrator stays a member: Teams gives admin roles to the tenant's own people, and a
    /// guest or federated person administering the tenant would be an outsider holding its keys, so the roles
    /// must go first (the refusal says so) rather than stay on an account of the wrong kind.
    /// </summary>
    public static Error? CheckChange(string account, UserKind kind, bool holdsAdminRole) =>
        !HasAccount(kind) ? DirectoryErrors.KindWithoutAccount(kind)
        : holdsAdminRole && kind != UserKind.Member ? DirectoryErrors.RoleRequiresMember(account, kind)
        : null;

    /// <summary>
    /// Whether an admin role may be granted to an account of <paramref name="kind"/>: to members only, for the
    /// reason <see cref="CheckChange"/> gives (the two are one rule, from either side).
    /// </summary>
    public static Error? CheckRoleGrant(string account, UserKind kind) =>
        kind == UserKind.Member ? null : DirectoryErrors.RoleForNonMember(account, kind);
}
