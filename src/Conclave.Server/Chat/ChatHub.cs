using Conclave.Contracts.Chat;
using Conclave.Server.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Chat;

/// <summary>
/// The chat hub at <see cref="ChatHubNames.Path"/>: it only delivers. Every change is made through /api/chats and,
/// once committed, pushed to each connected device of the chat's members (<see cref="ChatNotifier"/>); a device that
/// was away catches up from GET /api/chats/{chatId}/events. A user's surface, authorized as the call hub
/// (WebSocket clients pass the token as <c>access_token</c>, accepted on this path too).
/// </summary>
[Authorize(Policy = ConclavePolicies.User)]
public sealed class ChatHub : Hub<IChatClient>;
