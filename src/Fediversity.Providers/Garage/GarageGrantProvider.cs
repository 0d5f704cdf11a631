using System.Collections.Immutable;
using Fediversity.Providers.Garage.Admin;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Garage;

/// <summary>
/// A key's permissions on a bucket, set to exactly what is asked. Garage's <c>AllowBucketKey</c> only
/// turns on the flags sent as <c>true</c> and <c>DenyBucketKey</c> only turns off the flags sent as
/// <c>true</c>; a <c>false</c> changes nothing. So the current flags are read, each differing flag is
/// sent to the call that moves it, and the result is read back and compared.
/// </summary>
internal sealed class GarageGrantProvider(GarageAdminClient admin) : ResourceProvider
{
    public override string Kind => BucketGrantKind.Kind;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [BucketGrantKind.BucketId, BucketGrantKind.AccessKeyId] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var bucketId = request.Text(BucketGrantKind.BucketId);
        var keyId = request.Text(BucketGrantKind.AccessKeyId);
        var wanted = new BucketPermissions(
            request.Flag(BucketGrantKind.Read),
            request.Flag(BucketGrantKind.Write),
            request.Flag(BucketGrantKind.Owner));

        _ = await admin.GetKeyAsync(keyId, false, cancellationToken)
            ?? throw new ProviderException($"access key {keyId} does not exist in Garage; it cannot be granted");
        var current = await CurrentAsync(bucketId, keyId, cancellationToken);

        var allow = new BucketPermissions(
            wanted.Read && !current.Read, wanted.Write && !current.Write, wanted.Owner && !current.Owner);
        var deny = new BucketPermissions(
            !wanted.Read && current.Read, !wanted.Write && current.Write, !wanted.Owner && current.Owner);
        if (allow.Any)
        {
            await admin.AllowAsync(bucketId, keyId, allow, cancellationToken);
        }

        if (deny.Any)
        {
            await admin.DenyAsync(bucketId, keyId, deny, cancellationToken);
        }

        var actual = await CurrentAsync(bucketId, keyId, cancellationToken);
        if (actual != wanted)
        {
            throw new ProviderException(
                $"Garage reports {actual} for access key {keyId} on bucket {bucketId} after the change, not {wanted}");
        }

        request.Reporter.Report($"access key {keyId} has {actual} on bucket {bucketId}");
        return GarageOutputs.None;
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override async Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var bucketId = record.Input(BucketGrantKind.BucketId)!;
        var keyId = record.Input(BucketGrantKind.AccessKeyId)!;
        var all = new BucketPermissions(true, true, true);
        var revoked = await admin.DenyAsync(bucketId, keyId, all, cancellationToken);
        reporter.Report(revoked is null
            ? "the bucket or key was already gone"
            : $"revoked access key {keyId} on bucket {bucketId}");
    }

    /// <summary>
    /// <c>null</c> when the bucket or the key is gone (Garage may still list a deleted key's flags on
    /// the bucket), else the flags as Garage has them now, so that a grant changed outside shows as drift.
    /// </summary>
    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var bucketId = record.Input(BucketGrantKind.BucketId)!;
        var keyId = record.Input(BucketGrantKind.AccessKeyId)!;
        var bucket = await admin.GetBucketAsync(bucketId, cancellationToken);
        if (bucket is null || await admin.GetKeyAsync(keyId, false, cancellationToken) is null)
        {
            return null;
        }

        var flags = bucket.PermissionsOf(keyId);
        return new ResourceReading(
            record.Inputs
                .SetItem(BucketGrantKind.Read, ResourceValue.Of(flags.Read))
                .SetItem(BucketGrantKind.Write, ResourceValue.Of(flags.Write))
                .SetItem(BucketGrantKind.Owner, ResourceValue.Of(flags.Owner)),
            record.Outputs);
    }

    private async Task<BucketPermissions> CurrentAsync(
        string bucketId, string keyId, CancellationToken cancellationToken)
    {
        var bucket = await admin.GetBucketAsync(bucketId, cancellationToken)
            ?? throw new ProviderException($"bucket {bucketId} does not exist in Garage; it cannot be granted");
        return bucket.PermissionsOf(keyId);
    }
}
