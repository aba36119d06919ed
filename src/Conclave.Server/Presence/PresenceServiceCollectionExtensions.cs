using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conclave.Server.Presence;

public static class PresenceServiceCollectionExtensions
{
    /// <summary>The <see cref="DeviceRegistry"/> of this node, also as <see cref="IPresence"/> for features that only ask.</summary>
    public static IServiceCollection AddConclavePresence(this IServiceCollection services)
    {
        services.TryAddSingleton<DeviceRegistry>();
        services.TryAddSingleton<IPresence>(sp => sp.GetRequiredService<DeviceRegistry>());
        return services;
    }
}
