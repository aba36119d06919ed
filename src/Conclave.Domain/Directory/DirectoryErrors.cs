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

    /// <summary>400: an administrator aimed a remove or reset at their own account.</summary>
    public static Error SelfAction(string what) => new(
        ErrorCodes.Directory.SelfAction, $"You cannot {what} your own account through the admin API; another administrator can (your own password: 'conclave password change').");

    /// <summary>409: the change would leave no enabled Global administrator.</summary>
    public static Error LastGlobalAdministrator(string account) => new(
        ErrorCodes.Directory.LastGlobalAdministrator, $"{account} is the last enabled Global administrator: grant the role to someone else first.", ErrorKind.Conflict);

    /// <summary>400: an account was to become a kind that never has one (<see cref="UserKinds.HasAccount"/>).</summary>
    public static Error KindWithoutAccount(UserKind kind) => new(
        ErrorCodes.Directory.KindWithoutAccount, $"A user account cannot become {kind}: {kind} participants never hold an account. Choose Member, Guest or Federated.");

    /// <summary>409: an admin role was to be granted to an account that is not a member.</summary>
    public static Error RoleForNonMember(string account, UserKind kind) => new(
        ErrorCodes.Directory.RoleRequiresMember, $"{account} is a {kind} account, and admin roles are for members: make it a Member first.", ErrorKind.Conflict);

    /// <summary>409: an account that holds an admin role was to stop being a member.</summary>
    public static Error RoleRequiresMember(string account, UserKind kind) => new(
        ErrorCodes.Directory.RoleRequiresMember, $"{account} holds an admin role, and admin roles are for members: revoke its roles before making it {kind}.", ErrorKind.Conflict);
}
