using Fediversity.Configuration.Operator;
using Fediversity.Configuration.Validation;
using Fediversity.Panel.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Configuration;

/// <summary>Keeps operators' configuration versions, sealed so that a handed-over bucket's key is never in clear.</summary>
internal sealed class ConfigurationStore(PanelDbContext db, IDataProtectionProvider protection, TimeProvider time)
{
    private readonly IDataProtector protector = protection.CreateProtector("Fediversity.Panel.Configuration.v1");

    public async Task<ConfigurationVersion?> LatestAsync(long operatorId, CancellationToken cancellationToken) =>
        await db.ConfigurationVersions.AsNoTracking()
            .Where(v => v.OperatorId == operatorId)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<ConfigurationVersion?> FindAsync(long operatorId, long id, CancellationToken cancellationToken) =>
        await db.ConfigurationVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.OperatorId == operatorId && v.Id == id, cancellationToken);

    /// <summary>The version's document; it was valid when saved, so a failure here is a fault of the store.</summary>
    public OperatorConfiguration Read(ConfigurationVersion version)
    {
        var result = ConfigurationLoader.LoadOperator(protector.Unprotect(version.ProtectedJson));
        return result.IsValid
            ? result.Value
            : throw new InvalidOperationException(
                $"Configuration version {version.Number} no longer validates: {result.Problems[0]}");
    }

    public async Task<ConfigurationVersion> SaveAsync(
        long operatorId, string json, string savedBy, CancellationToken cancellationToken)
    {
        var last = await db.ConfigurationVersions.Where(v => v.OperatorId == operatorId)
            .MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
        var version = new ConfigurationVersion
        {
            OperatorId = operatorId,
            Number = last + 1,
            ProtectedJson = protector.Protect(json),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = savedBy,
        };
        db.ConfigurationVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return version;
    }
}
