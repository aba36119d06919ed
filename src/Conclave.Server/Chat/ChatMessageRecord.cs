using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>
/// A stored message. <see cref="ProtectedBody"/> is the text and mentions encrypted by the content protector under the
/// message's own scope (<see cref="MessageBody"/>): the database never holds the plaintext. A deleted message keeps
/// its row as a tombstone with an empty body.
/// </summary>
public sealed class ChatMessageRecord
{
    public const string Table = "ChatMessages";

    public Guid Id { get; set; }

    public Guid ChatId { get; set; }

    /// <summary>The sequence of the event that sent it.</summary>
    public long Sequence { get; set; }

    /// <summary>Chosen by the sender; unique per chat, so a resend stores nothing twice.</summary>
    public Guid ClientMessageId { get; set; }

    public string SenderId { get; set; } = "";

    public byte[] ProtectedBody { get; set; } = [];

    public Guid? ReplyTo { get; set; }

    /// <summary>In a channel: the root post whose thread this reply is in (the same as <see cref="ReplyTo"/>); null for a root post and in other chats.</summary>
    public Guid? ThreadRootId { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public DateTimeOffset? EditedAt { get; set; }

    public bool Deleted { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ChatMessageRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(m => m.Id);
            b.Property(m => m.SenderId).HasMaxLength(100);
            b.HasOne<ChatRecord>().WithMany().HasForeignKey(m => m.ChatId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(m => new { m.ChatId, m.ClientMessageId }).IsUnique();
            // Pages of messages, newest first.
            b.HasIndex(m => new { m.ChatId, m.Sequence }).IsUnique();
            // A thread's replies.
            b.HasIndex(m => new { m.ThreadRootId, m.Sequence });
        });
}
