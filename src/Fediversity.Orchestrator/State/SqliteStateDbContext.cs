using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.State;

/// <summary>The state store on SQLite, with the migrations under <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteStateDbContext(DbContextOptions<SqliteStateDbContext> options) : StateDbContext(options);
