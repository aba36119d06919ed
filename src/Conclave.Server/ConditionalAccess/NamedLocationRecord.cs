using Conclave.Domain.ConditionalAccess;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.ConditionalAccess;

/// <summary>A stored named location. <see cref="Key"/> is its name in upper case: names are unique without regard to case.</summary>
public sealed class NamedLocationRecord
{
    public const string Table = "NamedLocations";

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The ranges in their canonical text, comma-separated (as <see cref="IpRange.ToString"/> writes them).</summary>
    public string IpRanges { get; set; } = "";

    public bool IsTrusted { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public static string KeyOf(string name) => name.Trim().ToUpperInvariant();

    public string[] RangeTexts() => IpRanges.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<NamedLocationRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(l => l.Key);
            b.Property(l => l.Key).HasMaxLength(AccessNames.MaxLength);
            b.Property(l => l.Name).HasMaxLength(AccessNames.MaxLength);
        });
}
