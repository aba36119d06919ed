using System.Globalization;
using Conclave.Client.Api;
using Conclave.Client.Auth;
using Conclave.Contracts.Api;

namespace Conclave.Client.Chat;

/// <summary>The chat API (<c>/api/chats</c>, docs/api.md "Chat") as typed calls. Refusals are <see cref="ApiProblemException"/>.</summary>
public sealed class ChatApi(ConclaveApiClient api)
{
    /// <summary>The server's largest page of events or messages.</summary>
    public const int MaxTake = 200;

    private readonly ConclaveApiClient _api = api ?? throw new ArgumentNullException(nameof(api));

    /// <summary>A chat with the others named by UPN; a one-to-one chat with someone you already chat with is that chat.</summary>
    public Task<ChatView> CreateAsync(string kind, IReadOnlyList<string> members, string? topic, CancellationToken cancellationToken) =>
        _api.SendAsync<ChatView>(HttpMethod.Post, "api/chats", new CreateChatRequest(kind, members, topic), cancellationToken);

    /// <summary>The caller's chats, latest change first.</summary>
    public Task<IReadOnlyList<ChatView>> ListAsync(CancellationToken cancellationToken) =>
        _api.SendAsync<IReadOnlyList<ChatView>>(HttpMethod.Get, "api/chats", null, cancellationToken);

    public Task<ChatView> GetAsync(Guid chatId, CancellationToken cancellationToken) =>
        _api.SendAsync<ChatView>(HttpMethod.Get, Chat(chatId), null, cancellationToken);

    public Task<ChatView> SetTopicAsync(Guid chatId, string topic, CancellationToken cancellationToken) =>
        _api.SendAsync<ChatView>(HttpMethod.Patch, Chat(chatId), new UpdateChatRequest(topic), cancellationToken);

    public Task<ChatView> AddMemberAsync(Guid chatId, string upn, CancellationToken cancellationToken) =>
        _api.SendAsync<ChatView>(HttpMethod.Post, Chat(chatId) + "/members", new AddChatMemberRequest(upn), cancellationToken);

    public Task LeaveAsync(Guid chatId, CancellationToken cancellationToken) =>
        _api.SendAsync<object?>(HttpMethod.Delete, Chat(chatId) + "/members/me", null, cancellationToken);

    /// <summary>
    /// Sends one message. The same <see cref="SendMessageRequest.ClientMessageId"/> sent again answers the message stored
    /// the first time and stores nothing: a send whose answer was lost can be repeated safely.
    /// </summary>
    public Task<MessageView> SendAsync(Guid chatId, SendMessageRequest message, CancellationToken cancellationToken) =>
        _api.SendAsync<MessageView>(HttpMethod.Post, Chat(chatId) + "/messages", message, cancellationToken);

    /// <summary>
    /// Sends a message until the server has stored it: a new <see cref="SendMessageRequest.ClientMessageId"/> once, then
    /// the same request again after a transport failure, a server error or a rate-limit refusal (429) (at most <paramref name="attempts"/> times,
    /// a second apart), so a lost answer never loses the message and a repeat never stores it twice.
    /// </summary>
    public Task<MessageView> SendReliablyAsync(
        Guid chatId, string text, Guid? replyTo, IReadOnlyList<string>? mentions, int attempts, CancellationToken cancellationToken) =>
        SendReliablyAsync(chatId, text, replyTo, mentions, null, attempts, cancellationToken);

    /// <summary>As the other overload, with files uploaded to the chat (<see cref="UploadFileAsync"/>) attached.</summary>
    public async Task<MessageView> SendReliablyAsync(
        Guid chatId, string text, Guid? replyTo, IReadOnlyList<string>? mentions, IReadOnlyList<Guid>? attachments, int attempts,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var message = new SendMessageRequest(Guid.NewGuid(), text, replyTo, mentions, null, attachments);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(chatId, message, cancellationToken);
            }
            catch (Exception e) when (attempt < attempts && e is ServerUnreachableException or ApiProblemException { StatusCode: >= 500 or 429 })
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task<MessageView> EditAsync(Guid chatId, Guid messageId, string text, IReadOnlyList<string>? mentions, CancellationToken cancellationToken) =>
        _api.SendAsync<MessageView>(HttpMethod.Patch, Message(chatId, messageId), new EditMessageRequest(text, mentions), cancellationToken);

    /// <summary>Deletes a message of one's own (204); it stays as a tombstone, which the chat's MessageDeleted event carries.</summary>
    public Task DeleteAsync(Guid chatId, Guid messageId, CancellationToken cancellationToken) =>
        _api.SendAsync<object?>(HttpMethod.Delete, Message(chatId, messageId), null, cancellationToken);

    public Task<MessageView> ReactAsync(Guid chatId, Guid messageId, string reaction, bool on, CancellationToken cancellationToken) =>
        _api.SendAsync<MessageView>(on ? HttpMethod.Put : HttpMethod.Delete, $"{Message(chatId, messageId)}/reactions/{Uri.EscapeDataString(reaction)}", null, cancellationToken);

    public Task MarkReadAsync(Guid chatId, long sequence, CancellationToken cancellationToken) =>
        _api.SendAsync<object?>(HttpMethod.Put, Chat(chatId) + "/read", new ReadPositionRequest(sequence), cancellationToken);

    /// <summary>The chat's events after <paramref name="after"/>, in order.</summary>
    public Task<ChatEventPage> GetEventsAsync(Guid chatId, long after, int take, CancellationToken cancellationToken) =>
        _api.SendAsync<ChatEventPage>(HttpMethod.Get, $"{Chat(chatId)}/events?after={Number(after)}&take={Number(take)}", null, cancellationToken);

    /// <summary>Messages newest first, before sequence <paramref name="before"/> (null: the newest).</summary>
    public Task<MessagePage> GetMessagesAsync(Guid chatId, long? before, int take, CancellationToken cancellationToken) =>
        _api.SendAsync<MessagePage>(
            HttpMethod.Get,
            $"{Chat(chatId)}/messages?take={Number(take)}" + (before is { } b ? $"&before={Number(b)}" : ""),
            null,
            cancellationToken);

    /// <summary>
    /// Uploads <paramref name="content"/> to the chat as a file named <paramref name="name"/>, streamed (never read whole
    /// into memory); <paramref name="progress"/> hears the bytes sent so far. Attach the answer's FileId to a message with
    /// <see cref="SendMessageRequest.Attachments"/>. <paramref name="justification"/>: for a file a DLP rule holds.
    /// </summary>
    public Task<ChatFileView> UploadFileAsync(
        Guid chatId, string name, Stream content, IProgress<long>? progress, string? justification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        var body = new ProgressContent(content, progress);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        if (content.CanSeek)
            body.Headers.ContentLength = content.Length - content.Position;
        body.Headers.Add(FileHeaders.FileName, Uri.EscapeDataString(name));
        if (!string.IsNullOrWhiteSpace(justification))
            body.Headers.Add(FileHeaders.OverrideJustification, Uri.EscapeDataString(justification));
        return _api.SendContentAsync<ChatFileView>(HttpMethod.Post, Chat(chatId) + "/files", body, cancellationToken);
    }

    /// <summary>
    /// Downloads a file of the chat into <paramref name="destination"/>, streamed; <paramref name="progress"/> hears the
    /// bytes received so far. Answers the file's name as the server gives it (Content-Disposition) and its length.
    /// </summary>
    public async Task<(string? Name, long Bytes)> DownloadFileAsync(
        Guid chatId, Guid fileId, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var response = await _api.GetStreamAsync($"{Chat(chatId)}/files/{fileId:D}", cancellationToken);
        var disposition = response.Content.Headers.ContentDisposition;
        var name = disposition?.FileNameStar ?? disposition?.FileName?.Trim('"');
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
            progress?.Report(total);
        }

        return (name, total);
    }

    private static string Chat(Guid chatId) => "api/chats/" + chatId.ToString("D");

    private static string Message(Guid chatId, Guid messageId) => $"{Chat(chatId)}/messages/{messageId:D}";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
