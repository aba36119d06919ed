using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>One member's reaction to one message; a member gives each reaction to a message at most once.</summary>
public sealed class ChatReactionRecord
{
    public const string Table = "ChatReactions";

    public Guid MessageId { get; set; }

    public string UserId { get; set; } = "";

    public string Reaction { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ChatReactionRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(r => new { r.MessageId, r.UserId, r.Reaction });
            b.Property(r => r.UserId).HasMaxLength(100);
            b.Property(r => r.Reaction).HasMaxLength(16);
            b.HasOne<ChatMessageRecord>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        });
}
