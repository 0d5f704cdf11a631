using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// Brings a store's schema up to this build's migrations. The caller holds the store's initialisation lock
/// (a file lock for SQLite, an advisory lock for PostgreSQL), so only one process migrates at a time.
/// </summary>
internal static class StoreSchema
{
    /// <summary>The table that tells a store made before migrations existed.</summary>
    private const string FirstTable = "deployments";

    public static async Task MigrateAsync(StateDbContext db, string description, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (applied.Count == 0 && await HasTableAsync(db, FirstTable, cancellationToken))
        {
            throw new StateStoreException(
                $"{description} was made by an early build of Fediversity that kept no schema version, so it " +
                "cannot be upgraded. Move it aside and start with an empty store; the resources it recorded " +
                "are then unknown to Fediversity and must be removed by hand.");
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new StateStoreException(
                $"{description} was upgraded by a newer build of Fediversity (schema {unknown[^1]}); this build " +
                "cannot use it. Run the newer build.");
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

    private static async Task<bool> HasTableAsync(StateDbContext db, string table, CancellationToken cancellationToken)
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
