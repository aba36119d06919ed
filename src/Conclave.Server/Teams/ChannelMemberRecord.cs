using Conclave.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>A member of a private channel (always a member of its team too) and their role in it: Owner or Member.</summary>
public sealed class ChannelMemberRecord
{
    public const string Table = "ChannelMembers";

    public Guid ChannelId { get; set; }

    public string UserId { get; set; } = "";

    public TeamRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ChannelMemberRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(m => new { m.ChannelId, m.UserId });
            b.Property(m => m.UserId).HasMaxLength(100);
            b.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            b.HasOne<ChannelRecord>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(m => m.UserId);
        });
}
