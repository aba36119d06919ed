using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Conclave.Testing;

/// <summary>Every log line the server writes (message, state values and exception), for secret-leak checks.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<string> Lines => [.. _entries.Select(e => e.Text)];

    public IReadOnlyCollection<Entry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    public sealed record Entry(LogLevel Level, string Text);

    private sealed class Logger(string category, ConcurrentQueue<Entry> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue(new Entry(logLevel, $"{logLevel} {category} {formatter(state, exception)} {values} {exception}"));
        }
    }
}
