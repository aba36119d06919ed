namespace Conclave.Server.Networking;

/// <summary>
/// A fixed set of <see cref="UdpWorker"/> threads that sockets are spread over round robin: the relay's
/// listeners and relayed sockets, the media processor's legs. The number of threads is the pool's size
/// whatever the number of sockets; empty (no thread) where <see cref="LinuxSockets.IsSupported"/> is false
/// or the size is 0, and then <see cref="Next"/> returns null and each socket reads on its own.
/// </summary>
internal sealed class UdpWorkerPool : IDisposable
{
    /// <summary>
    /// Default number of workers: one per processor, at most 8. The work per datagram is short, so more
    /// threads than cores only add context switches; eight cover a large host.
    /// </summary>
    public static readonly int DefaultSize = Math.Clamp(Environment.ProcessorCount, 1, 8);

    private readonly UdpWorker[] _workers;
    private int _next;

    /// <param name="name">Prefix of the threads' names (the worker's index follows).</param>
    /// <param name="size">Number of worker threads (0: none).</param>
    /// <param name="bufferSize">Bytes of each worker's receive buffer: the largest datagram its sockets read.</param>
    public UdpWorkerPool(string name, int size, int bufferSize)
    {
        _workers = LinuxSockets.IsSupported && size > 0
            ? [.. Enumerable.Range(0, size).Select(i => new UdpWorker(name + " " + i.ToString(System.Globalization.CultureInfo.InvariantCulture), bufferSize))]
            : [];
    }

    /// <summary>Worker threads running.</summary>
    public int Count => _workers.Length;

    /// <summary>Sockets watched by all workers together.</summary>
    public int SocketCount => _workers.Sum(w => w.Count);

    /// <summary>The worker at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public UdpWorker this[int index] => _workers[index];

    /// <summary>The worker for a new socket, round robin; null when the pool has none.</summary>
    public UdpWorker? Next() =>
        _workers.Length == 0 ? null : _workers[(int)((uint)Interlocked.Increment(ref _next) % (uint)_workers.Length)];

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
    }
}
