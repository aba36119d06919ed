using Conclave.Client.Chat;
using Conclave.Contracts.Api;
using CsCheck;

namespace Conclave.Client.Tests.Chat;

/// <summary>
/// The ordering engine against a simulated server: the server appends events to each chat's log and pushes each one
/// zero, one or two times (a lost push, a repeat after a reconnect), late and in any order; the client fetches pages of
/// the log when it sees a gap and once at the end (its reconnection). Whatever the schedule, every chat's events are
/// delivered exactly once and in sequence order.
/// </summary>
public sealed class ChatSyncTests
{
    private const int PageSize = 3;

    [Fact]
    public void AnySchedule_DeliversEveryEventOnce_InOrderPerChat()
    {
        // A schedule: per step, either the server appends one event to chat (0..3) and pushes it 0-2 times, or the
        // network hands the client one pending push (chosen by index).
        var step = Gen.Int[0, 3].Select(Gen.Int[0, 2], Gen.Bool, Gen.Int[0, 1000], (chat, copies, append, pick) => (chat, copies, append, pick));
        step.Array[1, 120].Sample(schedule =>
        {
            var chats = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
            var log = chats.ToDictionary(c => c, _ => new List<ChatEvent>());
            var pending = new List<ChatEvent>();
            var delivered = chats.ToDictionary(c => c, _ => new List<long>());
            var sync = new ChatSync(
                (chatId, after, _) =>
                {
                    var events = log[chatId].Where(e => e.Sequence > after).ToList();
                    return Task.FromResult(new ChatEventPage([.. events.Take(PageSize)], log[chatId].Count, events.Count > PageSize));
                },
                (chatEvent, _) =>
                {
                    delivered[chatEvent.ChatId].Add(chatEvent.Sequence);
                    return ValueTask.CompletedTask;
                });

            foreach (var (chat, copies, append, pick) in schedule)
            {
                if (append || pending.Count == 0)
                {
                    var chatId = chats[chat];
                    var chatEvent = Event(chatId, log[chatId].Count + 1);
                    log[chatId].Add(chatEvent);
                    pending.AddRange(Enumerable.Repeat(chatEvent, copies));
                }
                else
                {
                    var push = pending[pick % pending.Count];
                    pending.RemoveAt(pick % pending.Count);
                    sync.OfferLiveAsync(push, CancellationToken.None).GetAwaiter().GetResult();
                }
            }

            // The late pushes arrive, then the reconnection catches every chat up to the server's end.
            foreach (var push in pending)
            {
                sync.OfferLiveAsync(push, CancellationToken.None).GetAwaiter().GetResult();
            }

            foreach (var chatId in chats)
            {
                sync.Follow(chatId, 0);
                sync.CatchUpAsync(chatId, log[chatId].Count, CancellationToken.None).GetAwaiter().GetResult();
            }

            foreach (var chatId in chats)
            {
                Assert.Equal(Enumerable.Range(1, log[chatId].Count).Select(n => (long)n), delivered[chatId]);
            }
        }, iter: 2000);
    }

    [Fact]
    public async Task ResumedCursor_DeliversOnlyWhatCameAfterIt()
    {
        var chatId = Guid.NewGuid();
        var log = Enumerable.Range(1, 10).Select(n => Event(chatId, n)).ToList();
        var delivered = new List<long>();
        var sync = new ChatSync(
            (_, after, _) => Task.FromResult(new ChatEventPage([.. log.Where(e => e.Sequence > after).Take(PageSize)], 10, log.Count(e => e.Sequence > after) > PageSize)),
            (chatEvent, _) =>
            {
                delivered.Add(chatEvent.Sequence);
                return ValueTask.CompletedTask;
            });
        sync.Follow(chatId, 6);

        await sync.OfferLiveAsync(log[2], CancellationToken.None);
        var caughtUp = await sync.CatchUpAsync(chatId, 10, CancellationToken.None);

        Assert.Equal([7L, 8, 9, 10], delivered);
        Assert.Equal<(long, long)?>((7, 10), caughtUp);
        Assert.Equal(10, sync.Cursors[chatId]);
    }

    [Fact]
    public void Timeline_NeverMovesBack_AndTellsAGapFromADuplicate()
    {
        var chatId = Guid.NewGuid();
        var timeline = new ChatTimeline();
        Assert.Equal(ChatTimeline.Verdict.NotFollowed, timeline.Offer(Event(chatId, 1)));
        timeline.Follow(chatId, 2);
        timeline.Follow(chatId, 1);
        Assert.Equal(2, timeline.AppliedThrough(chatId));
        Assert.Equal(ChatTimeline.Verdict.Duplicate, timeline.Offer(Event(chatId, 2)));
        Assert.Equal(ChatTimeline.Verdict.Gap, timeline.Offer(Event(chatId, 4)));
        Assert.Equal(ChatTimeline.Verdict.Next, timeline.Offer(Event(chatId, 3)));
        Assert.Equal(ChatTimeline.Verdict.Next, timeline.Offer(Event(chatId, 4)));
        timeline.Forget(chatId);
        Assert.False(timeline.IsFollowed(chatId));
    }

    private static ChatEvent Event(Guid chatId, long sequence) =>
        new(chatId, sequence, ChatEventKinds.MessageSent, DateTimeOffset.UnixEpoch.AddSeconds(sequence), "a@conclave.test", null, null);
}
