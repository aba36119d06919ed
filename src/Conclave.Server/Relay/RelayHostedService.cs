using Microsoft.Extensions.Options;

namespace Conclave.Server.Relay;

/// <summary>Runs the <see cref="TurnRelayServer"/> for the host's lifetime.</summary>
internal sealed class RelayHostedService : IHostedService, IAsyncDisposable
{
    private readonly TurnRelayServer? _server;

    public RelayHostedService(IOptions<RelayOptions> options, TimeProvider time, RelayMetrics metrics, ILogger<TurnRelayServer> logger)
    {
        if (options.Value.Enabled)
        {
            _server = new TurnRelayServer(options.Value, time, metrics, logger);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _server?.StartAsync(cancellationToken) ?? Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
