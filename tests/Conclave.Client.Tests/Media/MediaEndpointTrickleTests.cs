using System.Net;
using System.Net.Sockets;
using Conclave.Client.Media;
using Conclave.Protocols.Ice;

namespace Conclave.Client.Tests.Media;

/// <summary>
/// Trickle ICE in the media leg (RFC 8838): with <see cref="MediaEndpointOptions.TrickleCandidates"/> the
/// description goes out with the host candidates and the rest follows; without it the description waits
/// for all and nothing is trickled twice.
/// </summary>
public sealed class MediaEndpointTrickleTests
{
    [Fact]
    public async Task CreateOffer_WithTrickle_DoesNotWaitForAServerThatNeverAnswers()
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);

        // A STUN server on loopback that reads nothing: server-reflexive gathering would take its full retransmission budget.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var trickled = new List<string?>();
        await using var endpoint = MediaEndpoint.Create(new MediaEndpointOptions
        {
            AddressFilter = address => address.Equals(IPAddress.Loopback),
            StunServers = [(IPEndPoint)silent.Client.LocalEndPoint!],
            TrickleCandidates = true,
        });
        endpoint.LocalCandidate += trickled.Add;

        string offer = await endpoint.CreateOfferAsync(cts.Token);

        Assert.Contains(" typ host", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("a=end-of-candidates", offer, StringComparison.Ordinal);

        // The host candidate is in the offer; it is not trickled a second time.
        Assert.Empty(trickled);
    }

    [Fact]
    public async Task CreateOffer_WithoutTrickle_CarriesEveryCandidateAndEndOfCandidates_AndTricklesNothing()
    {
        using var cts = new CancellationTokenSource(CallPair.Deadline);
        var trickled = new List<string?>();
        await using var endpoint = MediaEndpoint.Create(CallPair.LoopbackOptions(440));
        endpoint.LocalCandidate += trickled.Add;

        string offer = await endpoint.CreateOfferAsync(cts.Token);

        Assert.Contains(" typ host", offer, StringComparison.Ordinal);
        Assert.Contains("a=end-of-candidates", offer, StringComparison.Ordinal);
        Assert.Contains("a=ice-pacing:10", offer, StringComparison.Ordinal);
        Assert.Empty(trickled);
    }

    [Fact]
    public async Task Call_RelayOnlyWithTrickle_ConnectsThroughRelayedCandidates_EachSignalledOnce()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var turn = await CoturnServer.StartAsync(cts.Token);
        MediaEndpointOptions Options(double tone) => new()
        {
            AddressFilter = address => address.Equals(IPAddress.Loopback),
            TurnServers = [new IceTurnServer(turn.EndPoint, CoturnServer.Username, turn.Password)],
            RelayOnly = true,
            TrickleCandidates = true,
            ToneFrequency = tone,
        };
        await using var offerer = MediaEndpoint.Create(Options(440));
        await using var answerer = MediaEndpoint.Create(Options(1000));
        var trickled = new List<string?>();
        offerer.LocalCandidate += c =>
        {
            lock (trickled)
            {
                trickled.Add(c);
            }

            if (c is null)
            {
                answerer.AddRemoteEndOfCandidates();
            }
            else
            {
                Assert.True(answerer.AddRemoteCandidate(c));
            }
        };
        answerer.LocalCandidate += c =>
        {
            if (c is null)
            {
                offerer.AddRemoteEndOfCandidates();
            }
            else
            {
                Assert.True(offerer.AddRemoteCandidate(c));
            }
        };

        string offer = await offerer.CreateOfferAsync(cts.Token);
        offerer.ApplyAnswer(await answerer.CreateAnswerAsync(offer, cts.Token));
        await CallPair.ConnectAsync(offerer, answerer, cts.Token);

        // The relayed candidate went either in the offer or trickled after it, never both; the host ones nowhere.
        string[] relayed;
        lock (trickled)
        {
            relayed = [.. offer.Split("\r\n").Where(l => l.Contains(" typ relay", StringComparison.Ordinal)).Select(l => l["a=".Length..]),
                .. trickled.Where(c => c is not null && c.Contains(" typ relay", StringComparison.Ordinal)).Select(c => c!)];
        }

        Assert.Single(relayed);
        Assert.DoesNotContain(" typ host", offer, StringComparison.Ordinal);
        Assert.Equal(IceCandidateType.Relayed, offerer.SelectedPair!.Local.Type);
        Assert.True(await CallPair.EventuallyAsync(() => offerer.ToneDetected(1000) && answerer.ToneDetected(440)),
            $"offerer heard {offerer.TonePowerRatio(1000):F3}, answerer heard {answerer.TonePowerRatio(440):F3}");
        Assert.Equal(offerer.SecurityCode, answerer.SecurityCode);
    }
}
