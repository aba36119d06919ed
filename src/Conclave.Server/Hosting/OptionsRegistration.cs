using Microsoft.Extensions.Options;

namespace Conclave.Server.Hosting;

/// <summary>
/// How every component takes its settings: one section under <c>Conclave:</c>, bound to one options
/// class and validated when the server starts, so a bad value stops it with a one-line message
/// (<see cref="StartupException"/>) instead of failing at first use.
/// </summary>
public static class OptionsRegistration
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and validates its data annotations at start.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// The settings of <paramref name="section"/> as configured now, for the registrations that need a value
    /// before the container exists (Identity's lockout, OpenIddict's lifetimes).
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"{section}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}
