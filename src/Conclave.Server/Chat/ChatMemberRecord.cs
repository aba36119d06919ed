using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>A member of a chat and the last sequence they have read (it never moves back). Leaving removes the row.</summary>
public sealed class ChatMemberRecord
{
    public const string Table = "ChatMembers";

    public Guid ChatId { get; set; }

    public string UserId { get; set; } = "";

    public long ReadSequence { get; set; }

    public DateTimeOffset JoinedAt { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ChatMemberRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(m => new { m.ChatId, m.UserId });
            b.Property(m => m.UserId).HasMaxLength(100);
            b.HasOne<ChatRecord>().WithMany().HasForeignKey(m => m.ChatId).OnDelete(DeleteBehavior.Cascade);
            // A user's chat list.
            b.HasIndex(m => m.UserId);
        });
}
