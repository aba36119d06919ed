using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Dtls;
using Conclave.Server.Hosting;
using Conclave.Server.Networking;
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
            ProbePortRange(options.Value);
            _ = WarmUp.Value;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Binds one port of the legs' range and lets it go: a range whose every port is taken, or an address
    /// this host does not have, would refuse every standard call later; it stops the start now, in one line.
    /// </summary>
    private static void ProbePortRange(MediaProcessorOptions settings)
    {
        var range = settings.MinPort == 0 && settings.MaxPort == 0
            ? "an ephemeral port"
            : $"UDP ports {settings.MinPort.ToString(CultureInfo.InvariantCulture)}–{settings.MaxPort.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            using var probe = new UdpPortRange(IPAddress.Parse(settings.ListenAddress), settings.MinPort, settings.MaxPort).TryBind()
                ?? throw new StartupException(
                    $"Every one of the media processor's {range} on {settings.ListenAddress} is taken: " +
                    "set Conclave:MediaProcessor:MinPort and MaxPort to a free range or stop the other process.");
        }
        catch (SocketException e)
        {
            throw new StartupException(
                $"The media processor cannot bind {range} on {settings.ListenAddress}: {e.Message}. Set Conclave:MediaProcessor:ListenAddress to an address of this host.", e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await processor.DisposeAsync().ConfigureAwait(false);
}
