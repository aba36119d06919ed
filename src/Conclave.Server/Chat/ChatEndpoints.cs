using System.Globalization;
using Conclave.Contracts.Api;
using Conclave.Domain.Chat;
using Conclave.Domain.Common;
using Conclave.Server.Http;

namespace Conclave.Server.Chat;

/// <summary>
/// /api/chats (docs/api.md, "Chat"): chats, members, messages, reactions, the ordered events and read positions, for
/// signed-in people. Ids in the path that are not GUIDs name nothing (<c>chat.not_found</c>, <c>chat.message_not_found</c>).
/// </summary>
public static class ChatEndpoints
{
    public const string Path = "/api/chats";

    /// <summary>
    /// The largest message request: 28,000 characters at up to 6 bytes each once JSON-escaped (.NET's default encoder
    /// writes every non-ASCII character as \uXXXX), with room for the mentions and ids.
    /// </summary>
    public const long MaxMessageBodyBytes = 256 * 1024;

    /// <summary>The largest request of every other chat endpoint (a chat of 250 UPNs is about 16 KB).</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public static void MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        var chats = app.MapGroup(Path).RequireAuthorization(ConclavePolicies.User).WithMetadata(new BodyLimit(MaxBodyBytes));
        // Every change counts against its author's rate limit (ChatRateLimiting); reads do not.
        var changes = chats.MapGroup("").RequireRateLimiting(ChatRateLimiting.Policy);
        changes.MapPost("", CreateAsync).Produces<ChatView>(StatusCodes.Status201Created).Produces<ChatView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        chats.MapGet("", ListAsync).Produces<ChatView[]>();
        chats.MapGet("/{chatId}", GetAsync).Produces<ChatView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        changes.MapPatch("/{chatId}", UpdateAsync).Produces<ChatView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        changes.MapPost("/{chatId}/members", AddMemberAsync).Produces<ChatView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapDelete("/{chatId}/members/me", LeaveAsync).Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        changes.MapPost("/{chatId}/messages", SendAsync).WithMetadata(new BodyLimit(MaxMessageBodyBytes))
            .Produces<MessageView>(StatusCodes.Status201Created).Produces<MessageView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        chats.MapGet("/{chatId}/messages", MessagesAsync).Produces<MessagePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        changes.MapPatch("/{chatId}/messages/{messageId}", EditAsync).WithMetadata(new BodyLimit(MaxMessageBodyBytes)).Produces<MessageView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        changes.MapDelete("/{chatId}/messages/{messageId}", DeleteAsync).Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapPut("/{chatId}/messages/{messageId}/reactions/{reaction}", AddReactionAsync).Produces<MessageView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        changes.MapDelete("/{chatId}/messages/{messageId}/reactions/{reaction}", RemoveReactionAsync).Produces<MessageView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        chats.MapGet("/{chatId}/events", EventsAsync).Produces<ChatEventPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        chats.MapPut("/{chatId}/read", MarkReadAsync).Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(CreateChatRequest body, HttpContext context, ChatService chats, CancellationToken cancellationToken)
    {
        var created = await chats.CreateAsync(CallerOf(context), body, cancellationToken);
        return !created.IsSuccess ? Problems.FromError(created.Error)
            : created.Value.Created ? Results.Created($"{Path}/{created.Value.Chat.ChatId}", created.Value.Chat)
            : Results.Ok(created.Value.Chat);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        Results.Ok(await chats.ListAsync(CallerOf(context), cancellationToken));

    private static async Task<IResult> GetAsync(string chatId, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        Answer(TryId(chatId, out var id) ? await chats.GetAsync(CallerOf(context), id, cancellationToken) : ChatErrors.NotFound());

    private static async Task<IResult> UpdateAsync(
        string chatId, UpdateChatRequest body, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        Answer(TryId(chatId, out var id) ? await chats.SetTopicAsync(CallerOf(context), id, body, cancellationToken) : ChatErrors.NotFound());

    private static async Task<IResult> AddMemberAsync(
        string chatId, AddChatMemberRequest body, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        Answer(TryId(chatId, out var id) ? await chats.AddMemberAsync(CallerOf(context), id, body, cancellationToken) : ChatErrors.NotFound());

    private static async Task<IResult> LeaveAsync(string chatId, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        NoContent(TryId(chatId, out var id) ? await chats.LeaveAsync(CallerOf(context), id, cancellationToken) : ChatErrors.NotFound());

    private static async Task<IResult> SendAsync(
        string chatId, SendMessageRequest body, HttpContext context, ChatService chats, CancellationToken cancellationToken)
    {
        if (!TryId(chatId, out var id))
        {
            return Problems.FromError(ChatErrors.NotFound());
        }

        var sent = await chats.SendAsync(CallerOf(context), id, body, cancellationToken);
        return !sent.IsSuccess ? Problems.FromError(sent.Error)
            : sent.Value.Created ? Results.Created($"{Path}/{id}/messages/{sent.Value.Message.MessageId}", sent.Value.Message)
            : Results.Ok(sent.Value.Message);
    }

    /// <summary>
    /// <c>before</c>: a sequence (the page's <c>nextBefore</c>), for the messages sent before it; <c>take</c>: 1 to 200,
    /// default 50; <c>thread</c>: in a channel, a root post's id for its thread.
    /// </summary>
    private static async Task<IResult> MessagesAsync(
        string chatId, string? before, string? take, string? thread, HttpContext context, ChatService chats, CancellationToken cancellationToken)
    {
        if (!TryId(chatId, out var id))
        {
            return Problems.FromError(ChatErrors.NotFound());
        }

        if (!TryNumber(before, out var cursor) || !TryNumber(take, out var size))
        {
            return Problems.FromError(ChatErrors.InvalidCursor("before and take are whole numbers."));
        }

        // A thread id that is no GUID names no post: the member is told so after the membership check.
        Guid? root = thread is null ? null : MessageIdOf(thread);
        return Answer(await chats.MessagesAsync(CallerOf(context), id, cursor, size, root, cancellationToken));
    }

    private static async Task<IResult> EditAsync(
        string chatId, string messageId, EditMessageRequest body, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        Answer(TryId(chatId, out var id)
            ? await chats.EditAsync(CallerOf(context), id, MessageIdOf(messageId), body, cancellationToken)
            : ChatErrors.NotFound());

    private static async Task<IResult> DeleteAsync(string chatId, string messageId, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        NoContent(TryId(chatId, out var id) ? await chats.DeleteAsync(CallerOf(context), id, MessageIdOf(messageId), cancellationToken) : ChatErrors.NotFound());

    private static async Task<IResult> AddReactionAsync(
        string chatId, string messageId, string reaction, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        Answer(TryId(chatId, out var id)
            ? await chats.ReactAsync(CallerOf(context), id, MessageIdOf(messageId), reaction, add: true, cancellationToken)
            : ChatErrors.NotFound());

    private static async Task<IResult> RemoveReactionAsync(
        string chatId, string messageId, string reaction, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        Answer(TryId(chatId, out var id)
            ? await chats.ReactAsync(CallerOf(context), id, MessageIdOf(messageId), reaction, add: false, cancellationToken)
            : ChatErrors.NotFound());

    /// <summary><c>after</c>: the last sequence the client applied (default 0); <c>take</c>: 1 to 200, default 100.</summary>
    private static async Task<IResult> EventsAsync(
        string chatId, string? after, string? take, HttpContext context, ChatService chats, CancellationToken cancellationToken)
    {
        if (!TryId(chatId, out var id))
        {
            return Problems.FromError(ChatErrors.NotFound());
        }

        if (!TryNumber(after, out var cursor) || !TryNumber(take, out var size))
        {
            return Problems.FromError(ChatErrors.InvalidCursor("after and take are whole numbers."));
        }

        return Answer(await chats.EventsAsync(CallerOf(context), id, cursor, size, cancellationToken));
    }

    private static async Task<IResult> MarkReadAsync(
        string chatId, ReadPositionRequest body, HttpContext context, ChatService chats, CancellationToken cancellationToken) =>
        NoContent(TryId(chatId, out var id) ? await chats.MarkReadAsync(CallerOf(context), id, body, cancellationToken) : ChatErrors.NotFound());

    private static IResult Answer<T>(Result<T> result) => result.IsSuccess ? Results.Ok(result.Value) : Problems.FromError(result.Error);

    private static IResult NoContent(Error? error) => error is null ? Results.NoContent() : Problems.FromError(error);

    // The user policy admits people only, so the caller is a user with a UPN.
    private static ChatCaller CallerOf(HttpContext context)
    {
        var caller = CallerIdentity.Of(context.User) ?? throw new InvalidOperationException("The chat endpoints require the user policy.");
        return new ChatCaller(caller.Subject, caller.Upn!, ClientAddress.Of(context));
    }

    private static bool TryId(string text, out Guid id) => Guid.TryParseExact(text, "D", out id);

    // A message id that is no GUID names no message: the member is told so after the membership check.
    private static Guid MessageIdOf(string text) => TryId(text, out var id) ? id : Guid.Empty;

    /// <summary>An optional whole number of the query; false for anything else (out of range included). Bounds are the service's.</summary>
    private static bool TryNumber(string? text, out long? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (text.Length > 19 || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }
}
