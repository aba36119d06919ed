using Conclave.Domain.Dlp;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Dlp;

/// <summary>
/// A stored DLP rule with Purview's parameters as the administrator gave them; <see cref="ConditionsJson"/> holds its
/// <c>ContentContainsSensitiveInformation</c> list. Compiled into a <see cref="DlpRule"/> by <see cref="DlpPolicySource.Compile"/>.
/// </summary>
public sealed class DlpRuleRecord
{
    public const string Table = "DlpRules";

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string PolicyKey { get; set; } = "";

    public string ConditionsJson { get; set; } = "[]";

    public DlpAccessScope AccessScope { get; set; }

    public bool BlockAccess { get; set; }

    /// <summary>Comma-separated recipients of the policy tip (<c>LastModifier</c>: the sender).</summary>
    public string NotifyUser { get; set; } = "";

    public string? NotifyAllowOverride { get; set; }

    public string? NotifyPolicyTipCustomText { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<DlpRuleRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(r => r.Key);
            b.Property(r => r.Key).HasMaxLength(DlpLimits.MaxNameLength);
            b.Property(r => r.Name).HasMaxLength(DlpLimits.MaxNameLength);
            b.Property(r => r.PolicyKey).HasMaxLength(DlpLimits.MaxNameLength);
            b.Property(r => r.AccessScope).HasConversion<string>().HasMaxLength(32);
            b.Property(r => r.NotifyUser).HasMaxLength(64);
            b.Property(r => r.NotifyAllowOverride).HasMaxLength(32);
            b.Property(r => r.NotifyPolicyTipCustomText).HasMaxLength(DlpRule.MaxPolicyTipLength);
            b.HasOne<DlpPolicyRecord>().WithMany().HasForeignKey(r => r.PolicyKey).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(r => new { r.PolicyKey, r.CreatedAt });
        });
}
