using Conclave.Domain.Teams;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>
/// A stored team. <see cref="Version"/> goes up with every change: its UPDATE is the first write of each team
/// change's transaction (<see cref="TeamLock"/>), which serializes the team's writers, so a membership check made
/// after it holds until the commit (two owners demoting each other cannot both succeed).
/// </summary>
public sealed class TeamRecord
{
    public const string Table = "Teams";

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public TeamVisibility Visibility { get; set; }

    /// <summary>Whether members (not only owners) may create channels: true by default, as in Teams.</summary>
    public bool MembersCanCreateChannels { get; set; } = true;

    /// <summary>Read-only: its channels' chats take no posts and the team takes no changes until unarchived.</summary>
    public bool Archived { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public long Version { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<TeamRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(t => t.Id);
            b.Property(t => t.Name).HasMaxLength(TeamText.MaxTeamNameLength);
            b.Property(t => t.Description).HasMaxLength(TeamText.MaxDescriptionLength);
            b.Property(t => t.Visibility).HasConversion<string>().HasMaxLength(16);
            b.Property(t => t.CreatedBy).HasMaxLength(100);
        });
}
