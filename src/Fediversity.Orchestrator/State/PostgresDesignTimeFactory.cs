using Microsoft.EntityFrameworkCore.Design;

namespace Fediversity.Orchestrator.State;

/// <summary>Lets the dotnet-ef tool build the PostgreSQL model to generate its migrations; never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStateDbContext>
{
    public PostgresStateDbContext CreateDbContext(string[] args) =>
        new(StateStore.PostgresOptions("Host=localhost;Database=fediversity"));
}
