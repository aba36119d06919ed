namespace Conclave.Server.Content;

/// <summary>
/// Content protection at rest: one <see cref="IContentProtector"/> for the whole server, today the software
/// one over the key file in the data folder. Its key is read (or made) here, at build time, so that a missing
/// or damaged key stops the start with a <see cref="Hosting.StartupException"/> before anything is served.
/// </summary>
public static class ContentModule
{
    public static IServiceCollection AddConclaveContentProtection(this IServiceCollection services, string dataPath)
    {
        var protector = SoftwareContentProtector.Open(dataPath);
        // Through a factory, so that the container owns it and zeroes its keys when the server stops.
        services.AddSingleton<IContentProtector>(_ => protector);
        return services;
    }
}
