using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Fediversity.Panel.Data;

/// <summary>Lets the dotnet-ef tool build the SQLite model to generate its migrations; never opens a file.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePanelDbContext>
{
    public SqlitePanelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePanelDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
