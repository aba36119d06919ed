using Conclave.Domain.Dlp;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Dlp;

/// <summary>A custom sensitive information type: a regular expression and keywords (JSON array), compiled by <see cref="CustomSensitiveInfoType.Create"/>.</summary>
public sealed class DlpSensitiveTypeRecord
{
    public const string Table = "DlpSensitiveTypes";

    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string Pattern { get; set; } = "";

    public string KeywordsJson { get; set; } = "[]";

    public int KeywordProximity { get; set; }

    public DlpConfidence Confidence { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<DlpSensitiveTypeRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(t => t.Key);
            b.Property(t => t.Key).HasMaxLength(DlpLimits.MaxNameLength);
            b.Property(t => t.Name).HasMaxLength(DlpLimits.MaxNameLength);
            b.Property(t => t.Pattern).HasMaxLength(CustomSensitiveInfoType.MaxPatternLength);
            b.Property(t => t.KeywordsJson).HasMaxLength(4096);
            b.Property(t => t.Confidence).HasConversion<string>().HasMaxLength(16);
        });
}
