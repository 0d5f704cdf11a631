using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Data;

/// <summary>
/// The panel's own data: users, operators, configuration versions, deployments and their events. Each database
/// has its own subclass, which owns that database's migrations.
/// </summary>
internal abstract class PanelDbContext(DbContextOptions options)
    : IdentityDbContext<PanelUser>(options), IDataProtectionKeyContext
{
    public DbSet<OperatorAccount> Operators => Set<OperatorAccount>();

    public DbSet<ConfigurationVersion> ConfigurationVersions => Set<ConfigurationVersion>();

    public DbSet<DeploymentRecord> Deployments => Set<DeploymentRecord>();

    public DbSet<DeploymentEventRow> DeploymentEvents => Set<DeploymentEventRow>();

    public DbSet<OperatorDeletion> OperatorDeletions => Set<OperatorDeletion>();

    /// <summary>The keys cookies and protected documents are sealed with, shared by every panel process.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<OperatorAccount>(e =>
        {
            e.ToTable("panel_operators");
            e.HasIndex(o => o.Slug).IsUnique();
            e.HasIndex(o => o.OwnerUserId);
        });
        builder.Entity<ConfigurationVersion>(e =>
        {
            e.ToTable("panel_configuration_versions");
            e.HasIndex(v => new { v.OperatorId, v.Number }).IsUnique();
        });
        builder.Entity<DeploymentRecord>(e =>
        {
            e.ToTable("panel_deployments");
            e.Property(d => d.Status).HasConversion<string>();
            e.HasIndex(d => d.OperatorId);
        });
        builder.Entity<OperatorDeletion>(e =>
        {
            e.ToTable("panel_operator_deletions");
            e.HasIndex(x => x.OperatorId);
            e.HasIndex(x => x.DeploymentId).IsUnique();
        });
        builder.Entity<DeploymentEventRow>(e =>
        {
            e.ToTable("panel_deployment_events");
            e.HasIndex(x => new { x.DeploymentId, x.Id });
        });

        // SQLite cannot order or compare DateTimeOffset columns; unix milliseconds sort everywhere.
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
        {
            property.SetValueConverter(property.ClrType == typeof(DateTimeOffset)
                ? UnixMilliseconds.Converter
                : UnixMilliseconds.NullableConverter);
        }
    }
}
