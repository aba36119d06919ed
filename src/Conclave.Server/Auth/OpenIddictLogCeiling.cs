using OpenIddict.Server;
using OpenIddict.Validation;

namespace Conclave.Server.Auth;

/// <summary>
/// OpenIddict writes what it handles into its log below Warning: every token it creates, whole, at Trace,
/// and the parameters of the requests it reads at Information. A log level raised for a diagnosis
/// (<c>Logging:LogLevel:OpenIddict=Trace</c>, or a provider's own rule) would put live tokens in the log,
/// so its dispatchers log through <see cref="WarningsOnlyLogger{T}"/>, whatever the configuration says.
/// </summary>
public static class OpenIddictLogCeiling
{
    public static IServiceCollection AddOpenIddictLogCeiling(this IServiceCollection services)
    {
        services.AddSingleton<ILogger<OpenIddictServerDispatcher>, WarningsOnlyLogger<OpenIddictServerDispatcher>>();
        services.AddSingleton<ILogger<OpenIddictValidationDispatcher>, WarningsOnlyLogger<OpenIddictValidationDispatcher>>();
        return services;
    }

    /// <summary>The category's logger, passing only warnings and errors.</summary>
    internal sealed class WarningsOnlyLogger<T>(ILoggerFactory factory) : ILogger<T>
    {
        private readonly ILogger _inner = factory.CreateLogger<T>();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => _inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && _inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                _inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
