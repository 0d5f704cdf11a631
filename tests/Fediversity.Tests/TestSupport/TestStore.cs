using Fediversity.Orchestrator.State;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fediversity.Tests.TestSupport;

/// <summary>
/// A real state store on a fake clock: SQLite in a temporary folder, or a PostgreSQL database of the test
/// class's own, emptied for each test, with its key file in a temporary folder.
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory folder;

    private TestStore(TempDirectory folder, StateStore store, FakeTimeProvider time, StoreKind kind, string? database)
    {
        this.folder = folder;
        Store = store;
        Time = time;
        Kind = kind;
        Database = database;
    }

    public StateStore Store { get; }

    public FakeTimeProvider Time { get; }

    public StoreKind Kind { get; }

    /// <summary>The PostgreSQL connection string, or null on SQLite.</summary>
    public string? Database { get; }

    public string Directory => folder.Path;

    public string KeyFile => Path.Combine(folder.Path, "state.key");

    public static Task<TestStore> OpenAsync(CancellationToken cancellationToken) =>
        OpenAsync(StoreKind.Sqlite, typeof(TestStore), cancellationToken);

    /// <summary>Opens a fresh store; on PostgreSQL, in the database of <paramref name="testClass"/>.</summary>
    public static async Task<TestStore> OpenAsync(StoreKind kind, Type testClass, CancellationToken cancellationToken)
    {
        var folder = new TempDirectory();
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
            if (kind == StoreKind.Sqlite)
            {
                var sqlite = await StateStore.OpenSqliteAsync(folder.Path, time, cancellationToken);
                return new TestStore(folder, sqlite, time, kind, null);
            }

            var server = await PostgresServer.GetAsync();
            var database = await server.DatabaseForAsync(testClass);
            await EmptyAsync(database, cancellationToken);
            var store = await StateStore.OpenPostgresAsync(
                database, Path.Combine(folder.Path, "state.key"), time, cancellationToken);
            return new TestStore(folder, store, time, kind, database);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Removes every table of a PostgreSQL database, migration history included.</summary>
    public static async Task EmptyAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Another store over the same database and key, as a second process would open it.</summary>
    public Task<StateStore> OpenAgainAsync(TimeProvider time, CancellationToken cancellationToken) => Kind switch
    {
        StoreKind.Sqlite => StateStore.OpenSqliteAsync(folder.Path, time, cancellationToken),
        _ => StateStore.OpenPostgresAsync(Database!, KeyFile, time, cancellationToken),
    };

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
        return ValueTask.CompletedTask;
    }
}
