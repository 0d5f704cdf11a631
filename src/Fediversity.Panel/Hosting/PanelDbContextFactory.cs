using Fediversity.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fediversity.Panel.Hosting;

/// <summary>
/// Makes the panel's data context of the configured database, so that it finds that database's migrations.
/// </summary>
internal sealed class PanelDbContextFactory(DbContextOptions<PanelDbContext> options, IOptions<PanelOptions> panel)
    : IDbContextFactory<PanelDbContext>
{
    public PanelDbContext CreateDbContext() => panel.Value.UsesPostgres
        ? new PostgresPanelDbContext(options)
        : new SqlitePanelDbContext(options);
}
