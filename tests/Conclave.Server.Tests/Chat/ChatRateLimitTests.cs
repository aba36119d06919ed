using System.Net;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Fixtures;
using static Conclave.Server.Tests.Chat.ProblemCodes;

namespace Conclave.Server.Tests.Chat;

/// <summary>A server whose chat rate limit is a burst of 3 changes, then 1 a second (Conclave:Chat:RateLimit).</summary>
public sealed class ChatRateLimitServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Conclave:Chat:RateLimit:Burst"] = "3",
        ["Conclave:Chat:RateLimit:WritesPerSecond"] = "1",
    };
}

/// <summary>Chat changes are rate limited per account: a flood gets 429 with Retry-After, stores nothing, and costs nobody else.</summary>
public sealed class ChatRateLimitTests(ChatRateLimitServerFixture server) : IClassFixture<ChatRateLimitServerFixture>
{
    [Fact]
    public async Task AFlood_OfOnePerson_Gets429WithRetryAfter_StoresNothing_AndLeavesOthersAndReadsAlone()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateOneOnOneAsync(bob);

        // The create took one change of alice's three; two sends pass, the next ones are refused at once.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var sent = await alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), $"flood {i}", null, null));
            statuses.Add(sent.StatusCode);
            if (sent.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(sent.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
                await AssertRefusedAsync(sent, HttpStatusCode.TooManyRequests, ErrorCodes.Request.Throttled);
            }
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.Created) is >= 2 and <= 3, string.Join(", ", statuses));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);

        // Reads are not counted, and bob's bucket is his own.
        var stored = (await alice.EventsAsync(chat.ChatId)).Events.Count(e => e.Message is not null);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Created), stored);
        await bob.SendAsync(chat.ChatId, "bob is not throttled");

        // The bucket refills (one change a second): alice is let through again within a few seconds.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode last;
        do
        {
            using var later = await alice.SendRawAsync(chat.ChatId, new SendMessageRequest(Guid.NewGuid(), "after a pause", null, null));
            last = later.StatusCode;
            if (last == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
        while (last == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Created, last);
    }
}
