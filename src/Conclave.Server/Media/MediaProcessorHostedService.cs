using Conclave.Protocols.Dtls;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Media;

/// <summary>Starts the media processor with the server (loading the DTLS engine early) and closes every leg when it stops.</summary>
internal sealed class MediaProcessorHostedService(MediaProcessor processor, IOptions<MediaProcessorOptions> options) : IHostedService
{
    /// <summary>
    /// One in-memory handshake per process, in the background: the first standard call then does not pay
    /// for loading and JIT-compiling the DTLS engine, the server's start is not held up by it, and a
    /// process hosting several servers (tests) does it once.
    /// </summary>
    private static readonly Lazy<Task> WarmUp = new(() => Task.Run(() => DtlsSrtpEndpoint.WarmUpAsync(CancellationToken.None), CancellationToken.None));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _ = WarmUp.Value;
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await processor.DisposeAsync().ConfigureAwait(false);
}
