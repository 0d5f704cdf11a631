using Microsoft.EntityFrameworkCore;

namespace Fediversity.Orchestrator.State;

/// <summary>
/// The state store's tables, the same on every database. Each database has a context of its own
/// (<see cref="SqliteStateDbContext"/>, <see cref="PostgresStateDbContext"/>) with its own migrations,
/// because the column types and the generated SQL differ between them.
/// </summary>
public abstract class StateDbContext : DbContext
{
    /// <summary>Makes the context over the options of one database.</summary>
    protected StateDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<DeploymentRow> Deployments => Set<DeploymentRow>();

    public DbSet<ResourceRow> Resources => Set<ResourceRow>();

    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    public DbSet<RunRow> Runs => Set<RunRow>();

    public DbSet<LeaseRow> Leases => Set<LeaseRow>();

    public DbSet<DriftRow> Drift => Set<DriftRow>();

    public DbSet<StoreSettingRow> Settings => Set<StoreSettingRow>();

    public DbSet<AccountingPeriodRow> Accounting => Set<AccountingPeriodRow>();

    public DbSet<AuditRow> Audit => Set<AuditRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeploymentRow>(e =>
        {
            e.ToTable("deployments");
            e.HasKey(d => d.Id);
        });

        modelBuilder.Entity<ResourceRow>(e =>
        {
            e.ToTable("resources");
            e.HasKey(r => new { r.Deployment, r.Address });
        });

        modelBuilder.Entity<JournalEntry>(e =>
        {
            e.ToTable("journal");
            e.HasKey(j => j.Id);
            e.HasIndex(j => new { j.Deployment, j.EndedAtMs });
        });

        modelBuilder.Entity<RunRow>(e =>
        {
            e.ToTable("runs");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.Deployment);
        });

        modelBuilder.Entity<DriftRow>(e =>
        {
            e.ToTable("drift");
            e.HasKey(d => new { d.Deployment, d.Address });
        });

        modelBuilder.Entity<LeaseRow>(e =>
        {
            e.ToTable("leases");
            e.HasKey(l => l.Deployment);
        });

        modelBuilder.Entity<StoreSettingRow>(e =>
        {
            e.ToTable("settings");
            e.HasKey(s => s.Name);
        });

        modelBuilder.Entity<AccountingPeriodRow>(e =>
        {
            e.ToTable("accounting");
            e.HasKey(a => a.Id);
            e.HasIndex(a => new { a.Deployment, a.Address, a.EndedAtMs });
            e.HasIndex(a => a.KeepUntilMs);
        });

        modelBuilder.Entity<AuditRow>(e =>
        {
            e.ToTable("audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.Deployment);
        });
    }
}
