using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Hosting;

/// <summary>
/// Brings the panel's tables up to this build's migrations. The caller holds the panel's initialisation lock
/// (a file lock for SQLite, an advisory lock for PostgreSQL), so panels starting together migrate once.
/// </summary>
internal static class PanelSchema
{
    /// <summary>The table that tells a database whose tables were made before the panel had migrations.</summary>
    private const string FirstTable = "panel_operators";

    public static async Task MigrateAsync(PanelDbContext db, string description, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        if (applied.Count == 0 && await HasTableAsync(db, FirstTable, cancellationToken))
        {
            throw new PanelDatabaseException(
                $"The panel's tables in {description} were made by an early build of FediPanel that kept no " +
                "schema version, so they cannot be upgraded. Move the database aside (or give Panel:Database a " +
                "new, empty database) and start the panel again; its accounts and configurations are then " +
                "entered anew.");
        }

        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new PanelDatabaseException(
                $"The panel's tables in {description} were upgraded by a newer build of FediPanel (schema " +
                $"{unknown[^1]}); this build cannot use them. Run the newer build.");
        }

        if (applied.Count == known.Count)
        {
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

    private static async Task<bool> HasTableAsync(PanelDbContext db, string table, CancellationToken cancellationToken)
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
