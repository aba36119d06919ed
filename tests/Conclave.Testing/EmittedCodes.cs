using System.Collections.Concurrent;
using System.Diagnostics;
using Conclave.Server.Http;

namespace Conclave.Testing;

/// <summary>
/// Every error code the servers of this test run sent (problem details, token responses, hub refusals), as
/// <see cref="ErrorEmission"/> reports them; started by <see cref="TestHost"/> before its first server.
/// </summary>
public static class EmittedCodes
{
    private static readonly ConcurrentDictionary<EmittedError, byte> Seen = new();
    private static readonly Lock Gate = new();
    private static IDisposable? _subscription;

    /// <summary>The distinct codes seen so far, with the way each left the server.</summary>
    public static IReadOnlyCollection<EmittedError> All => [.. Seen.Keys];

    public static void Start()
    {
        lock (Gate)
        {
            _subscription ??= DiagnosticListener.AllListeners.Subscribe(new Listeners());
        }
    }

    private sealed class Listeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == ErrorEmission.ListenerName)
            {
                value.Subscribe(new Events(), name => name == ErrorEmission.EventName);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class Events : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is EmittedError emitted)
            {
                Seen.TryAdd(emitted, 0);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
