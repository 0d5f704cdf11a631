using Fediversity.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Tests.Orchestrator.State;

/// <summary>
/// Every change to the state store's model must come with migrations for both databases, or stores made by an
/// earlier build would never receive it. tools/regenerate-migrations.sh makes them.
/// </summary>
public sealed class StateMigrationsTests
{
    private const string Remedy =
        "the state store's model has changes no migration holds; run tools/regenerate-migrations.sh";

    [Fact]
    public void SqliteMigrations_HoldTheWholeModel()
    {
        using var db = new SqliteStateDbContext(StateStore.SqliteOptions("Data Source=:memory:"));

        Assert.False(db.Database.HasPendingModelChanges(), Remedy);
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrations_HoldTheWholeModel()
    {
        using var db = new PostgresStateDbContext(StateStore.PostgresOptions("Host=127.0.0.1;Database=unused"));

        Assert.False(db.Database.HasPendingModelChanges(), Remedy);
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void BothDatabases_HaveTheSameTablesAndColumns()
    {
        using var sqlite = new SqliteStateDbContext(StateStore.SqliteOptions("Data Source=:memory:"));
        using var postgres = new PostgresStateDbContext(StateStore.PostgresOptions("Host=127.0.0.1;Database=unused"));

        Assert.Equal(Columns(sqlite), Columns(postgres));
    }

    private static List<string> Columns(DbContext db) =>
    [
        .. db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
            .Order(StringComparer.Ordinal),
    ];
}
