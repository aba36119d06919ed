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
}
