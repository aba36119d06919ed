using Conclave.Domain.Chat;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>
/// A stored chat. <see cref="LastSequence"/> is the sequence of its latest change: every change takes the next one
/// with a single UPDATE as its transaction's first write (<see cref="ChatSequencer"/>), which serializes the chat's
/// writers, so the sequences are gap-free and committed in order.
/// </summary>
public sealed class ChatRecord
{
    public const string Table = "Chats";

    public Guid Id { get; set; }

    public ChatKind Kind { get; set; }

    public string? Topic { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public long LastSequence { get; set; }

    /// <summary>When the latest change was made: the caller's chat list is ordered by it, latest first.</summary>
    public DateTimeOffset LastChangedAt { get; set; }

    /// <summary>
    /// For a one-to-one chat, the two user ids in ordinal order joined by '|'; null for a group. Unique: two concurrent
    /// creates of the same pair make one chat (the loser's insert fails and it answers the winner's chat).
    /// </summary>
    public string? PairKey { get; set; }

    /// <summary>Refuses every change (sends, edits, reactions): set for the channels of an archived team and a deleted channel.</summary>
    public bool ReadOnly { get; set; }

    public static string PairKeyOf(string userA, string userB) =>
        string.CompareOrdinal(userA, userB) < 0 ? $"{userA}|{userB}" : $"{userB}|{userA}";

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<ChatRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(c => c.Id);
            b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Topic).HasMaxLength(ChatTopic.MaxLength);
            b.Property(c => c.CreatedBy).HasMaxLength(100);
            b.Property(c => c.PairKey).HasMaxLength(201);
            b.HasIndex(c => c.PairKey).IsUnique();
        });
}
