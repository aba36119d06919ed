namespace Conclave.Contracts.Chat;

/// <summary>
/// The chat hub: the server pushes every change of a member's chats to each of their connected devices. Changes are
/// made through the REST API (/api/chats); the hub only delivers (docs/api.md, "Chat").
/// </summary>
public static class ChatHubNames
{
    /// <summary>The hub's path on the server.</summary>
    public const string Path = "/hubs/chat";

    /// <summary>Pushed message: one <c>Api.ChatEvent</c>.</summary>
    public const string ChatEvent = "ChatEvent";

    /// <summary>Pushed message: one <c>Api.ReadPositionView</c>.</summary>
    public const string ReadPosition = "ReadPosition";
}
