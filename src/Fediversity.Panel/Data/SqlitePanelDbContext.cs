using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Data;

/// <summary>The panel's data on SQLite, with the migrations under <c>Data/Migrations/Sqlite</c>.</summary>
internal sealed class SqlitePanelDbContext(DbContextOptions options) : PanelDbContext(options);
