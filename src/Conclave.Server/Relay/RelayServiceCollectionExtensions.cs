using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conclave.Server.Relay;

public static class RelayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the TURN relay: options from the <c>Relay</c> section (validated on start), the
    /// <see cref="RelayMetrics"/> singleton the admin API reads, and a hosted service running it.
    /// </summary>
    public static IServiceCollection AddConclaveRelay(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // A second call (a host that composes the server and then configures its relay) only adds its
        // configuration on top: one relay, one hosted service, one set of options.
        var alreadyAdded = services.Any(d => d.ServiceType == typeof(RelayHostedService));
        if (alreadyAdded)
        {
            services.AddOptions<RelayOptions>().Bind(configuration.GetSection(RelayOptions.SectionName));
            return services;
        }

        services.AddOptions<RelayOptions>()
            .Bind(configuration.GetSection(RelayOptions.SectionName))
            .PostConfigure(o =>
            {
                // A single-node server with no configured secret gets a per-process one: the relay and
                // the API that issues credentials share these options. A separate relay host must be
                // given the same secret as the API (Conclave:Relay:Secrets:0).
                if (o.Secrets.Count == 0)
                {
                    o.Secrets.Add(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => !o.Enabled || o.Secrets.Count > 0, "Conclave:Relay:Secrets needs at least one secret.")
            .Validate(o => o.MinPort <= o.MaxPort, "Conclave:Relay:MinPort must not exceed Conclave:Relay:MaxPort.")
            .Validate(o => o.DefaultAllocationLifetime <= o.MaxAllocationLifetime, "Relay lifetimes: default exceeds maximum.")
            .Validate(o => o.CredentialLifetime > TimeSpan.Zero, "Conclave:Relay:CredentialLifetime must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RelayMetrics(sp.GetService<IMeterFactory>()));
        // One instance, so the API can read the running relay's bound ports (ephemeral ones included).
        services.TryAddSingleton<RelayHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<RelayHostedService>());
        services.TryAddSingleton(sp => new TurnCredentialIssuer(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RelayOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RelayHostedService>()));
        return services;
    }
}
