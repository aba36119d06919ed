using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Relay;

/// <summary>Runs the <see cref="TurnRelayServer"/> for the host's lifetime.</summary>
internal sealed class RelayHostedService : IHostedService, IAsyncDisposable
{
    private readonly TurnRelayServer? _server;
    private readonly RelayOptions _options;

    public RelayHostedService(IOptions<RelayOptions> options, TimeProvider time, RelayMetrics metrics, ILogger<TurnRelayServer> logger,
        IRelayTap? tap = null)
    {
        _options = options.Value;
        if (_options.Enabled)
        {
            _server = new TurnRelayServer(_options, time, metrics, logger) { Tap = tap };
        }
    }

    /// <summary>The running relay; null when <c>Conclave:Relay:Enabled</c> is false.</summary>
    public TurnRelayServer? Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        try
        {
            await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && _options.TcpPort is null && _options.TlsPort is null)
        {
            // One line for the operator instead of a stack trace: which port, and what to do about it.
            throw new RelayStartException(
                $"UDP port {_options.UdpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)} for the TURN relay on {_options.ListenAddress} is taken: " +
                "set Conclave:Relay:UdpPort (0 = any free port) or stop the other process.", e);
        }
        catch (SocketException e)
        {
            // One line for the operator instead of a stack trace: which listener, and what to change.
            throw new RelayStartException(
                $"The TURN relay cannot listen on {_options.ListenAddress} (UDP {_options.UdpPort}, TCP {_options.TcpPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"}, " +
                $"TLS {_options.TlsPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off"}): {Describe(e)}. " +
                "Set Conclave:Relay:UdpPort (0 = any free port) or Conclave:Relay:Enabled=false.", e);
        }
    }

    /// <summary>A taken port is told by its socket error (EADDRINUSE), whatever the platform's message says.</summary>
    private static string Describe(SocketException e) =>
        e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "the port is already in use" : e.Message;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
