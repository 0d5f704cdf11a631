using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fediversity.Panel.Data;

/// <summary>Lets the dotnet-ef tool build the PostgreSQL model to generate its migrations; never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPanelDbContext>
{
    public PostgresPanelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPanelDbContext>().UseNpgsql("Host=localhost;Database=panel").Options);
}
