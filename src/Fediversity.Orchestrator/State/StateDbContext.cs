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
    }
}
