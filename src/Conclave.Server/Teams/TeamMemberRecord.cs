using Conclave.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>A member of a team and their role. Removing someone from the team removes the row.</summary>
public sealed class TeamMemberRecord
{
    public const string Table = "TeamMembers";

    public Guid TeamId { get; set; }

    public string UserId { get; set; } = "";

    public TeamRole Role { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<TeamMemberRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(m => new { m.TeamId, m.UserId });
            b.Property(m => m.UserId).HasMaxLength(100);
            b.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            b.HasOne<TeamRecord>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
            // A user's teams.
            b.HasIndex(m => m.UserId);
        });
}
