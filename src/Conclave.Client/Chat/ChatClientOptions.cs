using Microsoft.Extensions.Logging;

namespace Conclave.Client.Chat;

/// <summary>How a <see cref="ChatClient"/> starts following the user's chats.</summary>
public sealed class ChatClientOptions
{
    /// <summary>
    /// Chats already applied up to a sequence (the <see cref="ChatClient.Cursors"/> of an earlier run): their events
    /// after it are delivered first, in order, then the live ones.
    /// </summary>
    public IReadOnlyDictionary<Guid, long> ResumeFrom { get; init; } = new Dictionary<Guid, long>();

    /// <summary>
    /// For the user's other chats at connection: true delivers their whole history (from sequence 1); false (the
    /// default) only what happens from now on. A chat created or joined while connected is delivered from its start.
    /// </summary>
    public bool IncludeHistory { get; init; }

    public ILoggerFactory? LoggerFactory { get; init; }
}
