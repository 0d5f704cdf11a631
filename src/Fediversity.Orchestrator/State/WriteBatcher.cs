using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// Commits this process's writes in turn, several at once when several are waiting. Every durable commit
/// waits for the disk, and steps of an apply end together: the writes waiting at one moment are committed in
/// one transaction and share that wait and its round trips. SQLite takes one writer at a time anyway; a
/// PostgreSQL server shares one flush among concurrent commits, but each is a transaction of several round
/// trips to a server that may share the machine's processors, so grouping them helps there too. A write is
/// acknowledged only after its transaction committed; when a shared transaction fails, its halves are tried
/// again, and theirs, so that one bad write fails alone. Writes given as a <see cref="StoreCommand"/> that
/// follow one another in a transaction are sent as one command (on SQLite, up to 16 at a time), so that a
/// transaction of many step results costs a few round trips rather than one a write. Waiting writers hold no
/// thread.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The semaphore never hands out its wait handle, so it holds nothing to release; " +
        "it lives as long as the store.")]
internal sealed class WriteBatcher(
    Func<Task<DbConnection>> open, Func<DbConnection, StateDbContext> contextOver, int mostCommandsMerged)
{
    private const int MostWritesPerCommit = 128;

    // On SQLite a merged command's cost grows faster than its statements do: 128 step results as one command
    // took four times as long as the same in commands of 16, while a round trip there costs no network wait.
    private const int MostSqliteCommandsMerged = 16;

    private readonly ConcurrentQueue<PendingWrite> queue = new();
    private readonly SemaphoreSlim turn = new(1, 1);

    public async Task<T> WriteAsync<T>(Func<StateDbContext, Task<T>> write, CancellationToken cancellationToken) =>
        (T)(await WriteAsync(new PendingWrite(async db => await write(db), null, cancellationToken)))!;

    /// <summary>Runs <paramref name="command"/> in a transaction, sent together with the commands of the writes
    /// waiting at the same moment.</summary>
    public async Task WriteAsync(StoreCommand command, CancellationToken cancellationToken) =>
        await WriteAsync(new PendingWrite(null, command, cancellationToken));

    private async Task<object?> WriteAsync(PendingWrite pending)
    {
        queue.Enqueue(pending);

        while (!pending.Done.IsCompleted)
        {
            await turn.WaitAsync(CancellationToken.None);
            try
            {
                if (!pending.Done.IsCompleted)
                {
                    await CommitWaitingAsync();
                }
            }
            finally
            {
                turn.Release();
            }
        }

        return await pending.Done;
    }

    private async Task CommitWaitingAsync()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MostWritesPerCommit && queue.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        // A write given up while it waited fails now, on its own: failing the shared transaction instead would
        // send every write waiting with it into smaller transactions of their own.
        batch.RemoveAll(pending => pending.FailIfCancelled());
        if (batch.Count == 0)
        {
            return;
        }

        await CommitInPartsAsync(batch);
    }

    /// <summary>
    /// Commits the writes in one transaction. When it fails, each half is committed the same way, in order, so
    /// that a bad write fails alone while the others are recorded in a few transactions rather than one each.
    /// </summary>
    private async Task CommitInPartsAsync(IReadOnlyList<PendingWrite> batch)
    {
        try
        {
            var results = await CommitAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Succeed(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            var half = batch.Count / 2;
            await CommitInPartsAsync([.. batch.Take(half)]);
            await CommitInPartsAsync([.. batch.Skip(half)]);
        }
        catch (Exception error)
        {
            batch[0].Fail(error);
        }
    }

    private async Task<object?[]> CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var connection = await open();
        await using var transaction = await connection.BeginTransactionAsync();
        var results = new object?[batch.Count];
        var commands = new StoreCommand();
        var merged = 0;

        // Sends the commands gathered so far, before a write that is a function or once there are enough.
        async Task SendGatheredAsync()
        {
            if (merged > 0)
            {
                await using var db = await ContextAsync(connection, transaction);
                await commands.ExecuteAsync(db, CancellationToken.None);
                (commands, merged) = (new StoreCommand(), 0);
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].CancellationToken.ThrowIfCancellationRequested();
            if (batch[i].Command is { } command)
            {
                commands.Append(command);
                if (++merged == mostCommandsMerged)
                {
                    await SendGatheredAsync();
                }

                continue;
            }

            await SendGatheredAsync();
            await using var db = await ContextAsync(connection, transaction);
            results[i] = await batch[i].Write!(db);
        }

        await SendGatheredAsync();
        await transaction.CommitAsync();
        return results;
    }

    private async Task<StateDbContext> ContextAsync(DbConnection connection, DbTransaction transaction)
    {
        var db = contextOver(connection);

        // A failed transaction is retried in parts down to single writes, so a write needs no savepoint of its
        // own (and SaveChanges would otherwise spend a round trip on one).
        db.Database.AutoSavepointsEnabled = false;
        await db.Database.UseTransactionAsync(transaction);
        return db;
    }

    /// <summary>Writes to the SQLite database, each connection waiting up to <paramref name="busyTimeout"/> for
    /// the database's write lock.</summary>
    public static WriteBatcher ForSqlite(string connectionString, TimeSpan busyTimeout) => new(
        async () =>
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};";
            await pragma.ExecuteNonQueryAsync();
            return connection;
        },
        connection => new SqliteStateDbContext(
            new DbContextOptionsBuilder<SqliteStateDbContext>().UseSqlite(connection).Options),
        MostSqliteCommandsMerged);

    public static WriteBatcher ForPostgres(string connectionString) => new(
        async () =>
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return connection;
        },
        connection => new PostgresStateDbContext(
            new DbContextOptionsBuilder<PostgresStateDbContext>().UseNpgsql(connection).Options),
        MostWritesPerCommit);

    /// <summary>One write: a function of a context, or a command.</summary>
    private sealed class PendingWrite(
        Func<StateDbContext, Task<object?>>? write, StoreCommand? command, CancellationToken cancellationToken)
    {
        private readonly TaskCompletionSource<object?> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Func<StateDbContext, Task<object?>>? Write { get; } = write;

        public StoreCommand? Command { get; } = command;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Task<object?> Done => done.Task;

        public void Succeed(object? result) => done.TrySetResult(result);

        public void Fail(Exception error) => done.TrySetException(error);

        /// <summary>Ends the write as cancelled when its token asks so.</summary>
        /// <returns>Whether it did.</returns>
        public bool FailIfCancelled() =>
            CancellationToken.IsCancellationRequested && done.TrySetCanceled(CancellationToken);
    }
}
