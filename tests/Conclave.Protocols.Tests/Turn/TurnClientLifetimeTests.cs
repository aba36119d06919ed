using System.Net;
using Conclave.Protocols.Net;
using Conclave.Protocols.Turn;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Protocols.Tests.Turn;

/// <summary>coturn with one-second nonces, so that the 438 Stale Nonce path is taken for real.</summary>
public sealed class ShortNonceCoturnFixture : CoturnFixture
{
    protected override int NonceLifetimeSeconds => 1;
}

public class TurnClientLifetimeTests(ShortNonceCoturnFixture coturn) : IClassFixture<ShortNonceCoturnFixture>
{
    [Fact]
    public async Task StaleNonce_438_IsRetriedWithTheFreshNonce()
    {
        var (username, password) = coturn.Credentials();
        var socket = await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        await using var client = new TurnClient(socket, coturn.EndPoint, username, password);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.AllocateAsync(cts.Token);

        // The nonce goes stale after a second of real time on the server; keep asking until it does.
        for (var i = 0; i < 40 && client.StaleNonceRetries == 0; i++)
        {
            await client.CreatePermissionAsync(IPAddress.Loopback, cts.Token);
            await Task.Delay(100, cts.Token);
        }

        Assert.True(client.StaleNonceRetries > 0);
    }

    [Fact]
    public async Task Allocation_IsRefreshedBeforeItExpires()
    {
        var (username, password) = coturn.Credentials();
        var time = new FakeTimeProvider();
        var socket = await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        await using var client = new TurnClient(socket, coturn.EndPoint, username, password, time);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.AllocateAsync(cts.Token);
        var refreshed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Refreshed += lifetime => refreshed.TrySetResult(lifetime);

        // Nothing happens in the first minutes; in the last minute of the lifetime a Refresh goes out.
        time.Advance(client.Lifetime - TimeSpan.FromMinutes(2));
        Assert.Equal(0, client.AutomaticRefreshes);
        time.Advance(TimeSpan.FromMinutes(1.5));
        Assert.True(client.AutomaticRefreshes > 0);
        Assert.True(await refreshed.Task.WaitAsync(cts.Token) > TimeSpan.Zero);
    }
}
