using Conclave.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Relay;

/// <summary>The relay alone, for a separate relay host (the server's <c>--relay-only</c> mode).</summary>
public static class RelayHost
{
    /// <summary>The command-line switch of the server that runs only the relay.</summary>
    public const string RelayOnlySwitch = "--relay-only";

    /// <summary>
    /// Runs the relay with configuration from appsettings, environment (<c>Relay__*</c>) and the command
    /// line until stopped. Returns 0 after a clean shutdown, 2 for a bad setting. A separate relay must
    /// be given the secret the API issues credentials under (<c>Conclave:Relay:Secrets:0</c>); without one it
    /// refuses to start, since a per-process secret would accept no credentials at all.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. args.Where(a => a != RelayOnlySwitch)],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(PrefixedEnvironment.Read());
        builder.Configuration.AddCommandLine([.. args.Where(a => a != RelayOnlySwitch)]);
        if (!builder.Configuration.GetSection($"{RelayOptions.SectionName}:{nameof(RelayOptions.Secrets)}").GetChildren().Any())
        {
            await Console.Error.WriteLineAsync("conclave-server: --relay-only needs Conclave:Relay:Secrets:0, the secret the API issues TURN credentials under.").ConfigureAwait(false);
            return 2;
        }

        builder.Services.AddConclaveRelay(builder.Configuration);
        using var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RelayStartException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"conclave-server: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var relay = host.Services.GetRequiredService<RelayHostedService>().Server;
        foreach (var (transport, endPoint) in new[] { ("udp", relay?.UdpEndPoint), ("tcp", relay?.TcpEndPoint), ("tls", relay?.TlsEndPoint) })
        {
            if (endPoint is not null)
            {
                await output.WriteLineAsync($"Relay listening on {transport} {endPoint}").ConfigureAwait(false);
            }
        }

        await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
