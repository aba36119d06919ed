namespace Conclave.Server.Directory;

/// <summary>A user as the API shows it.</summary>
public sealed record UserView(
    string Id,
    string Upn,
    string DisplayName,
    string Kind,
    bool Enabled,
    bool LicensedToScheduleMeetings,
    IReadOnlyList<string> Roles,
    bool MfaEnabled,
    string? OneTimePassword = null)
{
    public static UserView From(ConclaveUser user, IEnumerable<string> roles, string? oneTimePassword = null) =>
        new(user.Id, user.UserName ?? "", user.DisplayName, user.Kind.ToString(), user.Enabled, user.LicensedToScheduleMeetings,
            [.. roles.Order(StringComparer.Ordinal)], user.TwoFactorEnabled, oneTimePassword);
}
