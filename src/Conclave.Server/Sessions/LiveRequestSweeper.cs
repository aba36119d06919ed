namespace Conclave.Server.Sessions;

/// <summary>
/// Every <see cref="Interval"/>, asks the directory whether each principal with a request in flight
/// may still act, and aborts the requests of those that may not. This covers what the local
/// <see cref="SessionTermination"/> cannot see: changes made by another node sharing the database.
/// </summary>
internal sealed partial class LiveRequestSweeper(
    LiveRequests live, IServiceScopeFactory scopes, TimeProvider time, ILogger<LiveRequestSweeper> logger) : BackgroundService
{
    /// <summary>How long a disabled account's open connection may survive on a node that did not disable it.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SweepAsync(stoppingToken);
        }
    }

    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        var requests = live.Snapshot();
        if (requests.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var state = scope.ServiceProvider.GetRequiredService<PrincipalState>();
        foreach (var request in requests)
        {
            if (await state.CheckAsync(request.Principal, cancellationToken) is { } refusal && request.Abort())
            {
                SessionLog.RequestAborted(logger, refusal.Code);
            }
        }
    }
}
