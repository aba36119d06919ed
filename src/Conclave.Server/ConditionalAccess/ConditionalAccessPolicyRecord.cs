using Conclave.Domain.ConditionalAccess;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// A stored conditional access policy: its state, and its conditions and controls as JSON
/// (<see cref="StoredConditions"/>: users and groups by id, so a renamed user or group stays selected).
/// </summary>
public sealed class ConditionalAccessPolicyRecord
{
    public const string Table = "ConditionalAccessPolicies";

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public ConditionalAccessPolicyState State { get; set; }

    public string ConditionsJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public static string KeyOf(string name) => name.Trim().ToUpperInvariant();

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ConditionalAccessPolicyRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(p => p.Key);
            b.Property(p => p.Key).HasMaxLength(AccessNames.MaxLength);
            b.Property(p => p.Name).HasMaxLength(AccessNames.MaxLength);
            b.Property(p => p.State).HasConversion<string>().HasMaxLength(32);
        });
}

/// <summary>The conditions and grant controls of a stored policy.</summary>
/// <param name="IncludeAllUsers">Every user.</param>
/// <param name="IncludeUsers">User ids.</param>
/// <param name="IncludeGroups">Group ids.</param>
/// <param name="ExcludeUsers">User ids.</param>
/// <param name="ExcludeGroups">Group ids.</param>
/// <param name="Applications">Application names (SignIn, Chat, AdminApi, SecureLabels).</param>
/// <param name="IncludeLocations"><c>All</c>, <c>AllTrusted</c> or location names.</param>
/// <param name="ExcludeLocations"><c>AllTrusted</c> or location names; empty for none.</param>
/// <param name="GrantControls">Block, RequireMfa, RequireCompliantDevice.</param>
public sealed record StoredConditions(
    bool IncludeAllUsers,
    string[] IncludeUsers,
    string[] IncludeGroups,
    string[] ExcludeUsers,
    string[] ExcludeGroups,
    string[] Applications,
    string[] IncludeLocations,
    string[] ExcludeLocations,
    string[] GrantControls);
