using Microsoft.EntityFrameworkCore.Design;

namespace Fediversity.Orchestrator.State;

/// <summary>Lets the dotnet-ef tool build the SQLite model to generate its migrations; never opens a file.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStateDbContext>
{
    public SqliteStateDbContext CreateDbContext(string[] args) =>
        new(StateStore.SqliteOptions("Data Source=design-time.db"));
}
