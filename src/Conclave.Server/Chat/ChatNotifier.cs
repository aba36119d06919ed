using Conclave.Contracts.Api;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Chat;

/// <summary>
/// Pushes committed chat changes to every connected device of the members named (SignalR's user id is the account id:
/// <see cref="SubjectUserIdProvider"/>). Pushes of concurrent changes may arrive out of order; the sequence tells the
/// client, which fills a gap from the events API. A push is never the only copy: the change is stored first.
/// </summary>
public sealed partial class ChatNotifier(IHubContext<ChatHub, IChatClient> hub, ILogger<ChatNotifier> logger)
{
    public Task ChatEventAsync(IReadOnlyList<string> memberIds, ChatEvent chatEvent) =>
        SendAsync(memberIds, c => c.ChatEvent(chatEvent), chatEvent.ChatId);

    public Task ReadPositionAsync(IReadOnlyList<string> memberIds, ReadPositionView position) =>
        SendAsync(memberIds, c => c.ReadPosition(position), position.ChatId);

    private async Task SendAsync(IReadOnlyList<string> memberIds, Func<IChatClient, Task> send, Guid chatId)
    {
        if (memberIds.Count == 0)
        {
            return;
        }

        try
        {
            await send(hub.Clients.Users(memberIds));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The change is committed and the answer must say so; devices catch up from the events API.
            LogPushFailed(logger, chatId, e);
        }
    }

    [LoggerMessage(EventId = 8000, Level = LogLevel.Warning, Message = "A change of chat {ChatId} could not be pushed to its members' devices")]
    private static partial void LogPushFailed(ILogger logger, Guid chatId, Exception exception);
}
