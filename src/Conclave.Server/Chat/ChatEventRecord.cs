using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>
/// One change to a chat at its sequence: the chat's ordered log, which clients catch up from (GET …/events?after=N).
/// It names what changed, not how it looked: the message or chat is read as it stands when the event is read.
/// </summary>
public sealed class ChatEventRecord
{
    public const string Table = "ChatEvents";

    public Guid ChatId { get; set; }

    public long Sequence { get; set; }

    /// <summary>One of <see cref="Contracts.Api.ChatEventKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string ActorId { get; set; } = "";

    public Guid? MessageId { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ChatEventRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(e => new { e.ChatId, e.Sequence });
            b.Property(e => e.Kind).HasMaxLength(32);
            b.Property(e => e.ActorId).HasMaxLength(100);
            b.HasOne<ChatRecord>().WithMany().HasForeignKey(e => e.ChatId).OnDelete(DeleteBehavior.Cascade);
        });
}
