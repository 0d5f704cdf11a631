using Fediversity.Orchestrator.State;
using Fediversity.Panel.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Fediversity.Panel.Hosting;

/// <summary>Chooses the panel's database: SQLite files in the data folder, or PostgreSQL when one is given.</summary>
internal static class PanelDatabase
{
    /// <summary>The advisory lock's first key: "Fedi", shared with the orchestrator's state store.</summary>
    private const int LockClass = 0x46656469;

    /// <summary>The advisory lock's second key: the panel's schema (the state store's is 1).</summary>
    private const int LockSchema = 2;

    public static void Configure(DbContextOptionsBuilder builder, PanelOptions options)
    {
        if (options.UsesPostgres)
        {
            builder.UseNpgsql(options.Database);
        }
        else
        {
            // Deployments write their events at the same moments; SQLite's own wait takes the lock as soon as it
            // is free, where Microsoft.Data.Sqlite's would sleep 150 ms between tries.
            builder.UseSqlite(SqliteConnection(Path.Combine(options.ResolvedDataDirectory, "panel.db")))
                .AddInterceptors(new SqliteBusyTimeout(TimeSpan.FromSeconds(60)));
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
            await PanelSchema.MigrateAsync(db, $"the SQLite file {file} (Panel:DataDirectory)", cancellationToken);
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
        try
        {
            await CreatePostgresDatabaseAsync(db, description, cancellationToken);

            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockClass}, {LockSchema})", cancellationToken);
            try
            {
                await PanelSchema.MigrateAsync(db, description, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync(
                    $"SELECT pg_advisory_unlock({LockClass}, {LockSchema})", CancellationToken.None);
            }
        }
        catch (Exception e) when (e is NpgsqlException || e.InnerException is NpgsqlException)
        {
            // EF wraps connection failures in an InvalidOperationException that only says they may be transient.
            var cause = e as NpgsqlException ?? (NpgsqlException)e.InnerException!;
            throw new PanelDatabaseException($"Cannot use {description}: {cause.Message}", e);
        }
    }

    private static async Task CreatePostgresDatabaseAsync(
        PanelDbContext db, string description, CancellationToken cancellationToken)
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
            // Another panel made it at the same moment.
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new PanelDatabaseException(
                $"{description} does not exist and its user may not create databases; create it first, owned by " +
                "that user (for example: createdb -O USER NAME).", e);
        }
    }

    private static string SqliteConnection(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        DefaultTimeout = 60,
        Pooling = true,
    }.ToString();
}
