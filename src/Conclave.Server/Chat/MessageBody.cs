using System.Text.Json;
using Conclave.Server.Content;

namespace Conclave.Server.Chat;

/// <summary>
/// What a message says, the part encrypted at rest: its text and the UPNs it mentions, as UTF-8 JSON sealed by the
/// content protector under <c>ContentScope(tenant, "chat", chatId, messageId)</c>, so a body copied to another message,
/// chat or tenant does not decrypt.
/// </summary>
public sealed record MessageBody(string Text, IReadOnlyList<string> Mentions)
{
    /// <summary>The container kind of chat content in a <see cref="ContentScope"/>.</summary>
    public const string ContainerKind = "chat";

    public static ContentScope ScopeOf(string tenantId, Guid chatId, Guid messageId) => new(tenantId, ContainerKind, chatId, messageId);

    public byte[] Protect(IContentProtector protector, ContentScope scope) =>
        protector.Protect(scope, JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>The body of a stored message; throws <see cref="ContentUnreadableException"/> when it does not decrypt under <paramref name="scope"/>.</summary>
    public static MessageBody Unprotect(IContentProtector protector, ContentScope scope, byte[] protectedBody)
    {
        var plaintext = protector.Unprotect(scope, protectedBody);
        return JsonSerializer.Deserialize<MessageBody>(plaintext) ?? throw new ContentUnreadableException("A message body decrypted to nothing.");
    }

    /// <summary>Whether <paramref name="other"/> says the same: a resend with the same ClientMessageId must.</summary>
    public bool SaysTheSameAs(MessageBody other) =>
        string.Equals(Text, other.Text, StringComparison.Ordinal) && Mentions.SequenceEqual(other.Mentions, StringComparer.Ordinal);
}
