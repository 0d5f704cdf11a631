using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.State;

/// <summary>The state store on PostgreSQL, with the migrations under <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresStateDbContext(DbContextOptions<PostgresStateDbContext> options) : StateDbContext(options)
{
    /// <summary>The collation of every text column.</summary>
    /// <remarks>
    /// "C" compares and sorts by bytes, as SQLite does, so that addresses and names match case-sensitively
    /// and list in the same order on both databases whatever locale the PostgreSQL cluster was made with.
    /// </remarks>
    public const string TextCollation = "C";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        var texts = modelBuilder.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Where(p => p.ClrType == typeof(string));
        foreach (var property in texts)
        {
            property.SetCollation(TextCollation);
        }
    }
}
