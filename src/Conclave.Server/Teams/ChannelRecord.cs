using Conclave.Domain.Teams;
using Conclave.Server.Chat;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Teams;

/// <summary>
/// A channel of a team. Its conversation is the chat <see cref="ChatId"/> (kind Channel), whose members are the
/// channel's: the team's members for a standard channel, <see cref="ChannelMemberRecord"/>s for a private one. A
/// deleted channel keeps its row and its chat (read-only, without members), and frees its name.
/// </summary>
public sealed class ChannelRecord
{
    public const string Table = "Channels";

    public Guid Id { get; set; }

    public Guid TeamId { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public ChannelKind Kind { get; set; }

    /// <summary>The team's first channel: standard, every member's, never renamed or deleted.</summary>
    public bool IsGeneral { get; set; }

    public Guid ChatId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? DeletedAt { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ChannelRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(c => c.Id);
            b.Property(c => c.Name).HasMaxLength(TeamText.MaxChannelNameLength);
            b.Property(c => c.Description).HasMaxLength(TeamText.MaxDescriptionLength);
            b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.CreatedBy).HasMaxLength(100);
            b.HasOne<TeamRecord>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<ChatRecord>().WithMany().HasForeignKey(c => c.ChatId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => c.ChatId).IsUnique();
            b.HasIndex(c => c.TeamId);
        });
}
