using System.Collections.Concurrent;

namespace Conclave.Server.Storage;

/// <summary>
/// Group commit for SQLite's write-ahead log: makes the transactions that have committed durable with one fsync
/// for all of them. A transaction committed with <c>synchronous=NORMAL</c> has its frames written to the WAL file but
/// not synced (https://sqlite.org/pragma.html#pragma_synchronous: it survives a crash of the process, not of the
/// machine); one <c>fsync</c> of that file afterwards makes it as durable as <c>synchronous=FULL</c> would have,
/// because SQLite's recovery replays every frame up to the last valid commit record. So writers commit without
/// holding the write lock through a sync, then wait here: every caller joins the next round, and a round's fsync
/// starts only after everyone in it has called, so it covers their commits. Under load one fsync acknowledges many
/// transactions, as PostgreSQL's WAL flush does for concurrent commits.
/// </summary>
public sealed class WalFlusher
{
    private static readonly ConcurrentDictionary<string, WalFlusher> ByDatabase = new(StringComparer.Ordinal);

    private readonly Action _flush;
    private readonly Lock _gate = new();
    private TaskCompletionSource? _nextRound;
    private bool _running;

    /// <param name="flush">Makes everything written so far durable (an fsync); may throw.</param>
    public WalFlusher(Action flush) => _flush = flush;

    /// <summary>How many fsyncs have run: fewer than the callers whenever rounds were shared.</summary>
    public long Rounds { get; private set; }

    /// <summary>The flusher of the database file <paramref name="databasePath"/> (its WAL is <c>&lt;path&gt;-wal</c>).</summary>
    public static WalFlusher For(string databasePath) =>
        ByDatabase.GetOrAdd(Path.GetFullPath(databasePath), path => new WalFlusher(() => SyncFile(path + "-wal")));

    /// <summary>Completes once an fsync that started after this call has finished (or fails with its error).</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            _nextRound ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var round = _nextRound.Task;
            if (!_running)
            {
                _running = true;
                _ = Task.Run(RunRounds);
            }

            return round;
        }
    }

    private void RunRounds()
    {
        while (true)
        {
            TaskCompletionSource round;
            lock (_gate)
            {
                if (_nextRound is null)
                {
                    _running = false;
                    return;
                }

                // Taken before the fsync starts: whoever calls from now on waits for the next one.
                round = _nextRound;
                _nextRound = null;
            }

            try
            {
                _flush();
                Rounds++;
                round.SetResult();
            }
            catch (Exception e)
            {
                round.SetException(e);
            }
        }
    }

    private static void SyncFile(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(handle);
        }
        catch (FileNotFoundException)
        {
            // No WAL: the last connection closed, and closing checkpointed the log into the database file and synced it.
        }
    }
}
