namespace Conclave.Server.Policies;

/// <summary>
/// The policy directory keys users and groups by <see cref="Guid"/>; the server's user ids are
/// Identity's GUID strings and group ids are 32 lower-case hex digits, which are GUIDs in "N" form.
/// </summary>
internal static class PolicyIds
{
    public static bool TryUser(string? id, out Guid user) => Guid.TryParseExact(id, "D", out user);

    public static string User(Guid user) => user.ToString("D");

    public static bool TryGroup(string? id, out Guid group) => Guid.TryParseExact(id, "N", out group);

    public static string Group(Guid group) => group.ToString("N");
}
