using Microsoft.Extensions.Options;

namespace Conclave.Server.Tests.Calls;

/// <summary>Options that never change, as a monitor.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
