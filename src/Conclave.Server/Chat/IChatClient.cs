using Conclave.Contracts.Api;
using Conclave.Contracts.Chat;

namespace Conclave.Server.Chat;

/// <summary>What the server pushes to a connected device over the chat hub (method names: <see cref="ChatHubNames"/>).</summary>
public interface IChatClient
{
    /// <summary>One change of one of the member's chats (<see cref="ChatHubNames.ChatEvent"/>).</summary>
    Task ChatEvent(ChatEvent chatEvent);

    /// <summary>A member's read position moved (<see cref="ChatHubNames.ReadPosition"/>).</summary>
    Task ReadPosition(ReadPositionView position);
}
