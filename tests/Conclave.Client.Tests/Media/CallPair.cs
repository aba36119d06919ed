using System.Net;
using Conclave.Client.Media;

namespace Conclave.Client.Tests.Media;

/// <summary>Two media endpoints on real UDP sockets on 127.0.0.1, signalled directly in memory.</summary>
internal static class CallPair
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static MediaEndpointOptions LoopbackOptions(double toneFrequency) => new()
    {
        AddressFilter = address => address.Equals(IPAddress.Loopback),
        ToneFrequency = toneFrequency,
        RtcpInterval = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Offer from <paramref name="offerer"/>, answer from <paramref name="answerer"/>, candidates trickled both ways.</summary>
    public static async Task NegotiateAsync(MediaEndpoint offerer, MediaEndpoint answerer, CancellationToken cancellationToken, Func<string, string>? tamperOffer = null)
    {
        offerer.LocalCandidate += c => Trickle(answerer, c);
        answerer.LocalCandidate += c => Trickle(offerer, c);
        string offer = await offerer.CreateOfferAsync(cancellationToken);
        string answer = await answerer.CreateAnswerAsync(tamperOffer is null ? offer : tamperOffer(offer), cancellationToken);
        offerer.ApplyAnswer(answer);
    }

    public static async Task ConnectAsync(MediaEndpoint a, MediaEndpoint b, CancellationToken cancellationToken)
    {
        await Task.WhenAll(a.ConnectAsync(cancellationToken), b.ConnectAsync(cancellationToken));
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false at the deadline.</summary>
    public static Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? limit = null) => Bounded.EventuallyAsync(condition, limit ?? Deadline);

    private static void Trickle(MediaEndpoint to, string? candidate)
    {
        if (candidate is null)
        {
            to.AddRemoteEndOfCandidates();
        }
        else
        {
            Assert.True(to.AddRemoteCandidate(candidate));
        }
    }
}
