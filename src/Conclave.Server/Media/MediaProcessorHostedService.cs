using Conclave.Protocols.Dtls;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Media;

/// <summary>Starts the media processor with the server (loading the DTLS engine early) and closes every leg when it stops.</summary>
internal sealed class MediaProcessorHostedService(MediaProcessor processor, IOptions<MediaProcessorOptions> options) : IHostedService
{
    private Task _warmUp = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            // In the background: the first standard call then does not pay for loading and JIT-compiling
            // the DTLS engine, and the server's start is not held up by it.
            _warmUp = Task.Run(() => DtlsSrtpEndpoint.WarmUpAsync(CancellationToken.None), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await processor.DisposeAsync().ConfigureAwait(false);
        await _warmUp.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
