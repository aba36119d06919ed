using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Chat;

/// <summary>
/// Configuration section <c>Conclave:Chat:RateLimit</c>: how fast one person may change chats (send, edit, delete,
/// react, create, add, leave), as a token bucket per account: a burst, then a steady rate. A person typing never
/// meets it; a runaway client or script does, and gets 429 with Retry-After instead of flooding every member.
/// </summary>
public sealed class ChatRateLimitOptions
{
    public const string Section = "Conclave:Chat:RateLimit";

    /// <summary>Changes at once: a pasted list of short messages, or quick reactions.</summary>
    public const int DefaultBurst = 30;

    /// <summary>Changes per second after the burst: several times faster than anyone types.</summary>
    public const int DefaultWritesPerSecond = 5;

    [Range(1, 1_000_000)]
    public int Burst { get; set; } = DefaultBurst;

    [Range(1, 1_000_000)]
    public int WritesPerSecond { get; set; } = DefaultWritesPerSecond;
}
