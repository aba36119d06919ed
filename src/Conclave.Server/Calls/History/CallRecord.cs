using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Calls;

/// <summary>
/// One call in the history, written once when it ends: who called whom, when it was placed, answered and
/// ended, how it ended and whether it was end-to-end encrypted. A call to a callee with no device connected
/// is one too (<see cref="OfflineReason"/>, missed). No foreign key to the users: a removed account's calls
/// stay in the other party's history.
/// </summary>
public sealed class CallRecord
{
    public const string Table = "CallRecords";

    /// <summary>The end reason of a call placed while the callee had no device connected.</summary>
    public const string OfflineReason = "Offline";

    /// <summary>The store's row number: records are numbered in the order their calls ended.</summary>
    public long Id { get; set; }

    public Guid CallId { get; set; }

    public string CallerId { get; set; } = "";

    public string CallerUpn { get; set; } = "";

    public string CalleeId { get; set; } = "";

    public string CalleeUpn { get; set; } = "";

    public DateTimeOffset PlacedAt { get; set; }

    /// <summary>When a callee device accepted; null when nobody answered.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    public DateTimeOffset EndedAt { get; set; }

    /// <summary>HungUp, Declined, Cancelled, Busy, NoAnswer, or <see cref="OfflineReason"/>.</summary>
    public string EndReason { get; set; } = "";

    /// <summary>True for an end-to-end encrypted call (the verdict of the answering device, or the provisional one).</summary>
    public bool EndToEnd { get; set; }

    /// <summary>The callee missed it: cancelled while ringing, not answered in time, or placed while she was offline.</summary>
    public bool Missed { get; set; }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<CallRecord>(b =>
        {
            b.ToTable(Table);
            b.HasKey(r => r.Id);
            b.HasIndex(r => r.CallId).IsUnique();
            b.Property(r => r.CallerId).HasMaxLength(100);
            b.Property(r => r.CalleeId).HasMaxLength(100);
            b.Property(r => r.CallerUpn).HasMaxLength(256);
            b.Property(r => r.CalleeUpn).HasMaxLength(256);
            b.Property(r => r.EndReason).HasMaxLength(32);

            // A person's history is read by either side of the call, newest first; missed calls by callee.
            b.HasIndex(r => new { r.CallerId, r.PlacedAt });
            b.HasIndex(r => new { r.CalleeId, r.PlacedAt });
            b.HasIndex(r => new { r.CalleeId, r.Missed, r.CallerId });
        });
}
