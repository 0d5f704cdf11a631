using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// A database whose tables this build's EF Core migrations manage, as the state store's and the panel's are:
/// opening one makes a missing PostgreSQL database, takes a lock so that processes starting together migrate
/// once, refuses tables made without migrations or by a newer build, and applies what is missing.
/// </summary>
/// <param name="Description">The database as messages name it, with the setting that chose it.</param>
/// <param name="FirstTable">A table every version of the schema has, which tells tables made before migrations.</param>
/// <param name="Unversioned">The message for tables made by a build that kept no schema version.</param>
/// <param name="Newer">The message for tables upgraded by a newer build, given that build's last migration.</param>
/// <param name="Error">Makes the owner's exception from a message and its cause.</param>
public sealed record MigratedDatabase(
    string Description,
    string FirstTable,
    string Unversioned,
    Func<string, string> Newer,
    Func<string, Exception?, Exception> Error)
{
    /// <summary>The advisory locks' first key, "Fedi"; the second names the schema (<see cref="Schemas"/>).</summary>
    public const int LockClass = 0x46656469;

    /// <summary>The advisory locks' second keys, one for each schema.</summary>
    public static class Schemas
    {
        public const int State = 1;

        public const int Panel = 2;
    }

    /// <summary>
    /// Brings the tables up to this build's migrations. The caller holds the database's initialisation lock (a
    /// file lock for SQLite; <see cref="OpenPostgresAsync{T}"/> takes PostgreSQL's).
    /// </summary>
    public async Task MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        // On a new database EF would read its missing history table and log that read as a failure, which an
        // operator starting Fediversity for the first time should not see.
        var applied = await HasTableAsync(db, HistoryRepository.DefaultTableName, cancellationToken)
            ? (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList()
            : [];
        if (applied.Count == 0 && await HasTableAsync(db, FirstTable, cancellationToken))
        {
            throw Error(Unversioned, null);
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw Error(Newer(unknown[^1]), null);
        }

        if (applied.Count == known.Count)
        {
            // Up to date, the usual case: EF's migrator would also compare the model with its snapshot, which
            // costs about a second at every start of the command line.
            return;
        }

        if (db.Database.IsSqlite() && await HasTableAsync(db, "__EFMigrationsLock", cancellationToken))
        {
            // EF's own SQLite migration lock is a row that a killed process leaves behind; under our file lock
            // no other process migrates, so any such row is stale.
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsLock";""", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Makes the PostgreSQL database when it is missing and its user may, then, holding the schema's advisory
    /// lock, migrates it and runs <paramref name="underLock"/> (which may read what only one process at a time
    /// should make, such as the store's key check). Failures to reach the server become the owner's error.
    /// </summary>
    public async Task<T> OpenPostgresAsync<T>(
        DbContext db, int schema, Func<Task<T>> underLock, CancellationToken cancellationToken)
    {
        try
        {
            await CreatePostgresDatabaseAsync(db, cancellationToken);

            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockClass}, {schema})", cancellationToken);
            try
            {
                await MigrateAsync(db, cancellationToken);
                return await underLock();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync(
                    $"SELECT pg_advisory_unlock({LockClass}, {schema})", CancellationToken.None);
            }
        }
        catch (Exception e) when (e is NpgsqlException || e.InnerException is NpgsqlException)
        {
            // EF wraps connection failures in an InvalidOperationException that only says they may be transient.
            var cause = e as NpgsqlException ?? (NpgsqlException)e.InnerException!;
            throw Error($"Cannot use {Description}: {cause.Message}", e);
        }
    }

    private async Task CreatePostgresDatabaseAsync(DbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process made it at the same moment.
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw Error(
                $"{Description} does not exist and its user may not create databases; create it first, owned by " +
                "that user (for example: createdb -O USER NAME).", e);
        }
    }

    private static async Task<bool> HasTableAsync(DbContext db, string table, CancellationToken cancellationToken)
    {
        var query = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<int>(
                $"""
                SELECT COUNT(*)::integer AS "Value" FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name = {table}
                """)
            : db.Database.SqlQuery<int>(
                $"""SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = {table}""");
        return await query.SingleAsync(cancellationToken) > 0;
    }
}
