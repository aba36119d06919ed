using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Directory;

/// <summary>Refusals of directory changes (users, roles, app registrations), with their stable codes.</summary>
public static class DirectoryErrors
{

    /// <summary>403: the account holds a role the actor does not (<see cref="AdminRoles.CanChange"/>).</summary>
    public static Error CannotChange(string account) => new(
        ErrorCodes.Directory.InsufficientPrivilege, $"{account} holds a role you do not hold: only an administrator with all of its roles, or a Global administrator, can change it.", ErrorKind.Forbidden);

    /// <summary>403: the actor tried to give a role it does not hold (<see cref="AdminRoles.CanGrant"/>).</summary>
    public static Error CannotGrant(AdminRole role) => new(
        ErrorCodes.Directory.InsufficientPrivilege, $"You do not hold {role}, so you cannot grant it; a Global administrator can.", ErrorKind.Forbidden);

    /// <summary>409: another request changed the account between this one's read and its write.</summary>
    public static Error ConcurrentChange(string account) => new(
        ErrorCodes.Directory.ConcurrentChange, $"{account} was changed by another request: read it again and retry.", ErrorKind.Conflict);
}
