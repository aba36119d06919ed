
namespace Conclave.Server.Relay;

/// <summary>The relay alone, for a separate relay host (the server's <c>--relay-only</c> mode).</summary>
public static class RelayHost
{
    /// <summary>Runs the relay with configuration from appsettings, environment (<c>Relay__*</c>) and the command line until stopped.</summary>
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddConclaveRelay(builder.Configuration);
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
