using Conclave.Protocols.Ice;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Protocols.Tests.Ice;

/// <summary>Two agents wired to each other as signalling would (credentials and trickled candidates).</summary>
internal sealed class IcePairHarness : IAsyncDisposable
{
    public IcePairHarness(FakeTimeProvider time, IceAgent a, IceAgent b, bool trickle = true)
    {
        Time = time;
        A = a;
        B = b;
        if (trickle)
        {
            Wire(a, b);
            Wire(b, a);
        }
    }

    public FakeTimeProvider Time { get; }

    public IceAgent A { get; }

    public IceAgent B { get; }

    public static void Wire(IceAgent from, IceAgent to)
    {
        to.SetRemoteCredentials(from.LocalUfrag, from.LocalPassword, from.Lite);
        from.CandidateGathered += c =>
        {
            if (c is null)
            {
                to.AddRemoteEndOfCandidates();
            }
            else
            {
                // Through the SDP text form, as real signalling would carry it.
                Assert.True(IceCandidate.TryParse(c.ToString(), out var parsed));
                to.AddRemoteCandidate(parsed);
            }
        };
    }

    public async Task GatherAsync()
    {
        var a = A.GatherAsync(CancellationToken.None);
        var b = B.GatherAsync(CancellationToken.None);
        await RunUntilAsync(() => a.IsCompleted && b.IsCompleted, TimeSpan.FromSeconds(60));
        await a;
        await b;
    }

    /// <summary>Advances the fake clock in small steps until the condition holds or the budget of fake time is spent.</summary>
    public async Task<bool> RunUntilAsync(Func<bool> condition, TimeSpan budget)
    {
        var step = TimeSpan.FromMilliseconds(10);
        for (var spent = TimeSpan.Zero; spent < budget; spent += step)
        {
            if (condition())
            {
                return true;
            }

            Time.Advance(step);
            await Task.Yield();
        }

        return condition();
    }

    public static bool IsUp(IceAgent agent) => agent.State is IceConnectionState.Connected or IceConnectionState.Completed;

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
