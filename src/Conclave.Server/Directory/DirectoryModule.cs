using Conclave.Server.Hosting;

namespace Conclave.Server.Directory;

/// <summary>The tenant's directory: its domain, users, groups and app registrations (stored by Storage).</summary>
public static class DirectoryModule
{
    public static IServiceCollection AddConclaveDirectory(this IServiceCollection services)
    {
        services.AddValidatedOptions<TenantOptions>(TenantOptions.Section);
        return services;
    }
}
