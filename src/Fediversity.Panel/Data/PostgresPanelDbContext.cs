using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Data;

/// <summary>The panel's data on PostgreSQL, with the migrations under <c>Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresPanelDbContext(DbContextOptions options) : PanelDbContext(options)
{
    /// <summary>The collation of every text column.</summary>
    /// <remarks>
    /// "C" compares and sorts by bytes, as SQLite does, so that slugs and addresses match case-sensitively and
    /// list in the same order on both databases whatever locale the PostgreSQL cluster was made with.
    /// </remarks>
    public const string TextCollation = "C";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        var texts = builder.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties())
            .Where(p => p.ClrType == typeof(string));
        foreach (var property in texts)
        {
            property.SetCollation(TextCollation);
        }
    }
}
