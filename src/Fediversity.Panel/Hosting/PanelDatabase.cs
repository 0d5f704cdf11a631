using Fediversity.Orchestrator.State;
using Fediversity.Panel.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Fediversity.Panel.Hosting;

/// <summary>Chooses the panel's database: SQLite files in the data folder, or PostgreSQL when one is given.</summary>
internal static class PanelDatabase
{
    public static void Configure(DbContextOptionsBuilder builder, PanelOptions options)
    {
        if (options.UsesPostgres)
        {
            builder.UseNpgsql(options.Database);
        }
        else
        {
            builder.UseSqlite(SqliteConnection(Path.Combine(options.ResolvedDataDirectory, "panel.db")));
        }
    }

    /// <summary>
    /// The job store lives beside the panel's tables (its own file on SQLite, to keep writers apart).
    /// </summary>
    public static void ConfigureJobStore(IPersistentStoreBuilder store, PanelOptions options)
    {
        if (options.UsesPostgres)
        {
            store.UsePostgres(options.Database!);
        }
        else
        {
            store.UseSqlite(SqliteConnection(Path.Combine(options.ResolvedDataDirectory, "jobs.db")));
        }
    }

    /// <summary>
    /// Applies the panel's migrations that the database lacks, holding a lock so that panels starting together
    /// migrate once.
    /// </summary>
    /// <exception cref="PanelDatabaseException">The database cannot be reached, or its tables were made by a build
    /// without migrations or by a newer build.</exception>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<PanelOptions>>().Value;
        Directory.CreateDirectory(options.ResolvedDataDirectory);

        var factory = services.GetRequiredService<IDbContextFactory<PanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (options.UsesPostgres)
        {
            await MigratePostgresAsync(db, options.Database!, cancellationToken);
        }
        else
        {
            var file = Path.Combine(options.ResolvedDataDirectory, "panel.db");
            await using var initLock = await FileLock.AcquireAsync(file + ".init", cancellationToken);
            await Schema($"the SQLite file {file} (Panel:DataDirectory)").MigrateAsync(db, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    private static async Task MigratePostgresAsync(
        PanelDbContext db, string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new PanelDatabaseException(
                $"Panel:Database is not a valid PostgreSQL connection string ({e.Message}); write it as " +
                "'Host=HOST;Port=5432;Database=NAME;Username=USER;Password=...'.", e);
        }

        var description =
            $"the PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} (Panel:Database)";
        await Schema(description).OpenPostgresAsync(
            db, MigratedDatabase.Schemas.Panel, () => Task.FromResult(true), cancellationToken);
    }

    /// <summary>How the panel's tables are checked and migrated, and what is said when they cannot be.</summary>
    private static MigratedDatabase Schema(string description) => new(
        description,
        FirstTable: "panel_operators",
        Unversioned: $"The panel's tables in {description} were made by an early build of FediPanel that kept no " +
            "schema version, so they cannot be upgraded. Move the database aside (or give Panel:Database a new, " +
            "empty database) and start the panel again; its accounts and configurations are then entered anew.",
        Newer: migration => $"The panel's tables in {description} were upgraded by a newer build of FediPanel " +
            $"(schema {migration}); this build cannot use them. Run the newer build.",
        Error: (message, cause) =>
            cause is null ? new PanelDatabaseException(message) : new PanelDatabaseException(message, cause));

    private static string SqliteConnection(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        DefaultTimeout = 60,
        Pooling = true,
    }.ToString();
}
