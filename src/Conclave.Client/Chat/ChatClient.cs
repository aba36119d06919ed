using System.Threading.Channels;
using Conclave.Client.Api;
using Conclave.Client.Auth;
using Conclave.Contracts.Api;
using Conclave.Contracts.Chat;
using Conclave.Contracts.Errors;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conclave.Client.Chat;

/// <summary>
/// One device following the signed-in user's chats: every event of every chat, per chat in sequence order, each once,
/// across reconnections. Live pushes from the chat hub and pages fetched from <c>/events</c> meet in one loop and pass
/// through a <see cref="ChatTimeline"/>: a push already applied is dropped, a push that skips sequences first fetches the
/// missing ones, and every (re)connection fetches what each chat gained while this device was not listening. Changes go
/// through <see cref="Api"/> (REST).
/// </summary>
public sealed class ChatClient : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly HubConnection _hub;
    private readonly ChatClientOptions _options;
    private readonly ChatSync _sync;
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<ChatEvent> _delivered = Channel.CreateUnbounded<ChatEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Channel<ReadPositionView> _readPositions = Channel.CreateUnbounded<ReadPositionView>();
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private Task? _loop;

    private ChatClient(HubConnection hub, ChatApi api, ChatClientOptions options)
    {
        _hub = hub;
        Api = api;
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger<ChatClient>() ?? NullLogger<ChatClient>.Instance;
        _sync = new ChatSync(
            (chatId, after, cancellationToken) => api.GetEventsAsync(chatId, after, ChatApi.MaxTake, cancellationToken),
            // Never cancelled between the cursor moving and the event being queued: Cursors always equals what was
            // delivered (the queue is unbounded, and completed only once the loop has stopped).
            (chatEvent, _) =>
            {
                _delivered.Writer.TryWrite(chatEvent);
                return ValueTask.CompletedTask;
            });
        foreach (var (chatId, sequence) in options.ResumeFrom)
        {
            _sync.Follow(chatId, sequence);
        }

        _hub.On<ChatEvent>(ChatHubNames.ChatEvent, e => _inbox.Writer.TryWrite(e));
        _hub.On<ReadPositionView>(ChatHubNames.ReadPosition, r => _readPositions.Writer.TryWrite(r));
        _hub.Reconnected += _ =>
        {
            _inbox.Writer.TryWrite(Resync.Instance);
            return Task.CompletedTask;
        };
        _hub.Closed += _ =>
        {
            _inbox.Writer.TryWrite(HubClosed.Instance);
            return Task.CompletedTask;
        };
    }

    /// <summary>The chat API with this client's session.</summary>
    public ChatApi Api { get; }

    /// <summary>Each followed chat and the last sequence delivered: pass it as <see cref="ChatClientOptions.ResumeFrom"/> to resume.</summary>
    public IReadOnlyDictionary<Guid, long> Cursors => _sync.Cursors;

    /// <summary>
    /// Connects to the chat hub with automatic reconnection, then catches up every chat (see <paramref name="options"/>).
    /// The hub is listening before the catch-up starts, so nothing that happens in between is missed.
    /// </summary>
    public static async Task<ChatClient> ConnectAsync(ConclaveSession session, ChatClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var hub = HubConnections.Create(session, ChatHubNames.Path, b => b.WithAutomaticReconnect());
        var client = new ChatClient(hub, new ChatApi(session.Api), options);
        try
        {
            await hub.StartAsync(cancellationToken);
            await client.FollowChatsAsync(initial: true, cancellationToken);
            client._loop = Task.Run(() => client.RunAsync(client._stop.Token), CancellationToken.None);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Every event of the followed chats, per chat in sequence order and each once. Ends when the hub connection is
    /// lost for good (after its automatic reconnection gave up) or the client is disposed; what was delivered before
    /// either can still be read, and <see cref="Cursors"/> then says exactly how far that was.
    /// </summary>
    public IAsyncEnumerable<ChatEvent> ReadEventsAsync(CancellationToken cancellationToken) => _delivered.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Read positions of the members of the user's chats as they move (not replayed after a reconnection).</summary>
    public IAsyncEnumerable<ReadPositionView> ReadPositionsAsync(CancellationToken cancellationToken) => _readPositions.Reader.ReadAllAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _inbox.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await _hub.DisposeAsync();
        _delivered.Writer.TryComplete();
        _readPositions.Writer.TryComplete();
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _inbox.Reader.ReadAllAsync(cancellationToken))
            {
                switch (item)
                {
                    case ChatEvent live:
                        await OfferLiveAsync(live, cancellationToken);
                        break;
                    case Resync:
                        await FollowChatsAsync(initial: false, cancellationToken);
                        break;
                    case HubClosed:
                        _delivered.Writer.TryComplete(new ServerUnreachableException("The connection to the chat hub closed and did not come back."));
                        return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Lists the user's chats and delivers what each gained past its cursor. At the first connection a chat not
    /// resumed starts at its current end unless history was asked for; a chat no longer listed (left) is forgotten.
    /// A failure is retried after <see cref="RetryDelay"/> (the hub may be reconnecting).
    /// </summary>
    private async Task FollowChatsAsync(bool initial, CancellationToken cancellationToken)
    {
        try
        {
            var chats = await Api.ListAsync(cancellationToken);
            foreach (var chat in chats.Where(c => !_sync.IsFollowed(c.ChatId)))
            {
                _sync.Follow(chat.ChatId, initial && !_options.IncludeHistory ? chat.LastSequence : 0);
            }

            foreach (var gone in _sync.Cursors.Keys.Except(chats.Select(c => c.ChatId)))
            {
                _sync.Forget(gone);
            }

            foreach (var chat in chats)
            {
                await CatchUpAsync(() => _sync.CatchUpAsync(chat.ChatId, chat.LastSequence, cancellationToken), chat.ChatId);
            }
        }
        catch (Exception e) when (IsTransient(e))
        {
            ScheduleResync(e, cancellationToken);
        }
    }

    private async Task OfferLiveAsync(ChatEvent live, CancellationToken cancellationToken)
    {
        try
        {
            await CatchUpAsync(async () =>
            {
                await _sync.OfferLiveAsync(live, cancellationToken);
                return null;
            }, live.ChatId);
        }
        catch (Exception e) when (IsTransient(e))
        {
            ScheduleResync(e, cancellationToken);
        }
    }

    /// <summary>Runs a catch-up; a chat the caller may no longer read (left, removed) is forgotten.</summary>
    private async Task CatchUpAsync(Func<Task<(long First, long Last)?>> catchUp, Guid chatId)
    {
        try
        {
            if (await catchUp() is { } caughtUp)
            {
                ClientLog.ChatCaughtUp(_logger, chatId, caughtUp.First, caughtUp.Last);
            }
        }
        catch (ApiProblemException e) when (e.Code is ErrorCodes.Chat.NotMember or ErrorCodes.Chat.NotFound)
        {
            _sync.Forget(chatId);
            ClientLog.ChatForgotten(_logger, chatId, e.Code);
        }
    }

    private static bool IsTransient(Exception e) => e is ServerUnreachableException or ApiProblemException { StatusCode: >= 500 or 429 };

    /// <summary>After a failed fetch: everything is listed and caught up again a little later (nothing is skipped meanwhile: the cursors did not move).</summary>
    private void ScheduleResync(Exception failure, CancellationToken cancellationToken)
    {
        ClientLog.ChatCatchUpFailed(_logger, failure.Message, (int)RetryDelay.TotalMilliseconds);
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await Task.Delay(RetryDelay, cancellationToken);
                    _inbox.Writer.TryWrite(Resync.Instance);
                }
                catch (OperationCanceledException)
                {
                }
            },
            CancellationToken.None);
    }

    private sealed class Resync
    {
        public static readonly Resync Instance = new();
    }

    private sealed class HubClosed
    {
        public static readonly HubClosed Instance = new();
    }
}
