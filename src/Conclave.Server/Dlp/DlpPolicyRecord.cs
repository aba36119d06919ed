using Conclave.Domain.Dlp;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Dlp;

/// <summary>A stored DLP policy. <see cref="Key"/> is its name in upper case: names are unique without regard to case.</summary>
public sealed class DlpPolicyRecord
{
    public const string Table = "DlpPolicies";

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public DlpPolicyMode Mode { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public static string KeyOf(string name) => name.Trim().ToUpperInvariant();

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<DlpPolicyRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(p => p.Key);
            b.Property(p => p.Key).HasMaxLength(DlpLimits.MaxNameLength);
            b.Property(p => p.Name).HasMaxLength(DlpLimits.MaxNameLength);
            b.Property(p => p.Mode).HasConversion<string>().HasMaxLength(32);
            b.Property(p => p.Comment).HasMaxLength(DlpLimits.MaxCommentLength);
        });
}
