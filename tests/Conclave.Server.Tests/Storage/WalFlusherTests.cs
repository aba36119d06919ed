using System.Collections.Concurrent;
using System.Diagnostics;
using Conclave.Domain.Chat;
using Conclave.Server.Chat;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Tests.Storage;

/// <summary>
/// The group commit of SQLite writers (<see cref="WalFlusher"/>, <see cref="WriteTransaction"/>): a caller is answered
/// only by an fsync that started after it called, concurrent callers share fsyncs, and the write transactions leave
/// their connection as every other writer expects it (a sync in each commit).
/// </summary>
public sealed class WalFlusherTests
{
    [Fact]
    public async Task EachCaller_IsAnsweredByAFlushThatStartedAfterItsCall_AndConcurrentCallersShareFlushes()
    {
        var flushes = new ConcurrentQueue<(long Start, long End)>();
        var flusher = new WalFlusher(() =>
        {
            var start = Stopwatch.GetTimestamp();
            Thread.Sleep(5);
            flushes.Enqueue((start, Stopwatch.GetTimestamp()));
        });
        var callers = Enumerable.Range(0, 200).Select(async i =>
        {
            await Task.Delay(i % 20);
            var called = Stopwatch.GetTimestamp();
            await flusher.FlushAsync();
            return (Called: called, Answered: Stopwatch.GetTimestamp());
        }).ToList();
        var calls = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(30));

        var done = flushes.ToArray();
        Assert.Equal(done.Length, flusher.Rounds);
        Assert.InRange(flusher.Rounds, 1, 199);
        // Each caller was answered only after a whole flush ran between its call and its answer: one that was already
        // running when it called (and so may not cover its commit) does not count.
        Assert.All(calls, call => Assert.Contains(done, flush => flush.Start >= call.Called && flush.End <= call.Answered));
    }

    [Fact]
    public async Task AFailedFlush_FailsItsCallers_AndTheNextRoundStillRuns()
    {
        var fail = true;
        var flusher = new WalFlusher(() =>
        {
            if (fail)
            {
                throw new IOException("disk gone");
            }
        });
        await Assert.ThrowsAsync<IOException>(flusher.FlushAsync);
        fail = false;
        await flusher.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ConcurrentWriteTransactions_AllCommit_EachWithoutASyncOfItsOwn()
    {
        await using var store = new SqliteTestStore();
        await store.MigrateAsync();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var db = store.CreateContext();
            await using var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None);
            Assert.Equal(1L, await PragmaAsync(db, "synchronous"));
            db.Chats.Add(NewChat());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }));

        await using var check = store.CreateContext();
        Assert.Equal(20, await check.Chats.CountAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APooledConnection_SyncsEachCommitAgain_AfterAWriteTransactionCommitsOrRollsBack(bool commit)
    {
        await using var store = new SqliteTestStore();
        await store.MigrateAsync();
        // Pooled (the server's setting): the next open hands back the same connection, pragma and all.
        var pooled = store.ConnectionString.Replace("Pooling=False", "Pooling=True", StringComparison.Ordinal);
        await using var db = new SqliteConclaveDbContext(new DbContextOptionsBuilder<SqliteConclaveDbContext>().UseSqlite(pooled).UseOpenIddict().Options);
        await using (var transaction = await WriteTransaction.BeginAsync(db, CancellationToken.None))
        {
            db.Chats.Add(NewChat());
            await db.SaveChangesAsync();
            if (commit)
            {
                await transaction.CommitAsync();
            }
        }

        Assert.Equal(2L, await PragmaAsync(db, "synchronous"));
        Assert.Equal(commit ? 1 : 0, await db.Chats.CountAsync());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static ChatRecord NewChat() =>
        new() { Id = Guid.NewGuid(), Kind = ChatKind.Group, CreatedAt = DateTimeOffset.UnixEpoch, LastChangedAt = DateTimeOffset.UnixEpoch };

    private static async Task<long> PragmaAsync(ConclaveDbContext db, string name)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
