using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Fediversity.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fediversity.Tests.Panel;

/// <summary>
/// The panel's tables come from migrations for both databases, applied at start: every model change must come
/// with them (tools/regenerate-migrations.sh makes them), panels starting together migrate once, and tables made
/// before the panel had migrations are refused rather than half used.
/// </summary>
public sealed class PanelMigrationsTests
{
    private const string Remedy =
        "the panel's model has changes no migration holds; run tools/regenerate-migrations.sh panel";

    [Fact]
    public void SqliteMigrations_HoldTheWholeModel()
    {
        using var db = Sqlite("Data Source=:memory:");

        Assert.False(db.Database.HasPendingModelChanges(), Remedy);
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrations_HoldTheWholeModel()
    {
        using var db = Postgres("Host=127.0.0.1;Database=unused");

        Assert.False(db.Database.HasPendingModelChanges(), Remedy);
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void BothDatabases_HaveTheSameTablesAndColumns()
    {
        using var sqlite = Sqlite("Data Source=:memory:");
        using var postgres = Postgres("Host=127.0.0.1;Database=unused");

        Assert.Equal(Columns(sqlite), Columns(postgres));
    }

    [Fact]
    public async Task Start_OnSqliteTablesMadeWithoutMigrations_IsRefusedWithAClearMessage()
    {
        using var data = new TempDirectory();
        var folder = Directory.CreateDirectory(Path.Combine(data.Path, "panel")).FullName;
        var file = Path.Combine(folder, "panel.db");
        await using (var early = Sqlite("Data Source=" + file))
        {
            await early.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        }

        var refused = await Assert.ThrowsAsync<PanelDatabaseException>(() => PanelHost.StartAsync(reuse: data));

        Assert.Contains("kept no schema version", refused.Message, StringComparison.Ordinal);
        Assert.Contains(file, refused.Message, StringComparison.Ordinal);
        await using var after = Sqlite("Data Source=" + file);
        Assert.Empty(await after.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Start_OnPostgresTablesMadeWithoutMigrations_IsRefusedWithAClearMessage()
    {
        var server = await PostgresServer.GetAsync();
        var name = "fedi_panel_early_" + Guid.NewGuid().ToString("N");
        try
        {
            await using (var early = Postgres(server.ConnectionTo(name)))
            {
                await early.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
            }

            var refused = await Assert.ThrowsAsync<PanelDatabaseException>(() =>
                PanelHost.StartAsync(settings: ["--Panel:Database=" + server.ConnectionTo(name)]));

            Assert.Contains("kept no schema version", refused.Message, StringComparison.Ordinal);
            Assert.Contains($"'{name}'", refused.Message, StringComparison.Ordinal);
            await using var after = Postgres(server.ConnectionTo(name));
            Assert.Empty(await after.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            await DropAsync(server, name);
        }
    }

    [Fact]
    public async Task Start_OfTwoPanelsTogetherOnAnEmptyPostgresDatabase_MigratesItOnce()
    {
        var server = await PostgresServer.GetAsync();
        var database = await server.DatabaseForAsync(typeof(PanelMigrationsTests));
        string[] settings = ["--Panel:Database=" + database, "--Panel:RunWorkers=false"];

        var starts = new[] { PanelHost.StartAsync(settings: settings), PanelHost.StartAsync(settings: settings) };
        await using var first = await starts[0];
        await using var second = await starts[1];

        await using var db = Postgres(database);
        var applied = await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(db.Database.GetMigrations(), applied);
        using var client = new PanelClient(second.BaseAddress);
        await client.SignUpAsync("Harbour Radio", "desk@harbour.example");
        Assert.Equal(1, await db.Operators.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Initialize_ManyAtOnceOnAnEmptySqliteFolder_AllSucceedWithTheSchemaComplete()
    {
        using var data = new TempDirectory();
        var options = new PanelOptions { DataDirectory = data.Path };
        var services = new ServiceCollection()
            .AddSingleton(Options.Create(options))
            .AddDbContextFactory<PanelDbContext, PanelDbContextFactory>(db => PanelDatabase.Configure(db, options))
            .BuildServiceProvider();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            PanelDatabase.InitializeAsync(services, TestContext.Current.CancellationToken))));

        await using var db = Sqlite("Data Source=" + Path.Combine(data.Path, "panel.db"));
        var applied = await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Equal(0, await db.Operators.CountAsync(TestContext.Current.CancellationToken));
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Start_WithAnInvalidDatabaseConnectionString_IsRefusedNamingTheSetting()
    {
        var refused = await Assert.ThrowsAsync<PanelDatabaseException>(() =>
            PanelHost.StartAsync(settings: ["--Panel:Database=Hostname=127.0.0.1;Colour=blue"]));

        Assert.StartsWith("Panel:Database is not a valid PostgreSQL connection string", refused.Message,
            StringComparison.Ordinal);
    }

    private static SqlitePanelDbContext Sqlite(string connection) =>
        new(new DbContextOptionsBuilder<SqlitePanelDbContext>().UseSqlite(connection).Options);

    private static PostgresPanelDbContext Postgres(string connection) =>
        new(new DbContextOptionsBuilder<PostgresPanelDbContext>().UseNpgsql(connection).Options);

    private static List<string> Columns(DbContext db) =>
    [
        .. db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
            .Order(StringComparer.Ordinal),
    ];

    private static async Task DropAsync(PostgresServer server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server.AdminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
