using Fediversity.Panel.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>The job store lives beside the panel's tables (its own file on SQLite, to keep writers apart).</summary>
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

    /// <summary>Creates the panel's tables when they are missing.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PanelOptions>>().Value;
        Directory.CreateDirectory(options.ResolvedDataDirectory);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDbContext>();
        if (!options.UsesPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.EnsureCreatedAsync(cancellationToken);
    }

    private static string SqliteConnection(string file) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        DefaultTimeout = 60,
        Pooling = true,
    }.ToString();
}
