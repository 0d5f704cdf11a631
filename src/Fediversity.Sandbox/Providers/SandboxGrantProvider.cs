using System.Collections.Immutable;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>A key's permissions on a bucket, set to exactly what is asked and read back.</summary>
public sealed class SandboxGrantProvider(SandboxObjectStore store) : ResourceProvider
{
    public override string Kind => BucketGrantKind.Kind;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [BucketGrantKind.BucketId, BucketGrantKind.AccessKeyId] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var bucketId = request.Text(BucketGrantKind.BucketId);
        var keyId = request.Text(BucketGrantKind.AccessKeyId);
        var wanted = new SandboxPermissions(
            request.Flag(BucketGrantKind.Read), request.Flag(BucketGrantKind.Write), request.Flag(BucketGrantKind.Owner));

        await store.SetPermissionsAsync(bucketId, keyId, wanted, cancellationToken);

        var actual = store.GetBucket(bucketId)?.Keys.GetValueOrDefault(keyId) ?? new SandboxPermissions(false, false, false);
        return actual == wanted
            ? Outputs.None
            : throw new ProviderException($"the store reports {actual} for key {keyId} on bucket {bucketId}, not {wanted}");
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override async Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var bucketId = record.Input(BucketGrantKind.BucketId)!;
        var keyId = record.Input(BucketGrantKind.AccessKeyId)!;
        if (store.GetBucket(bucketId) is null || store.GetKey(keyId) is null)
        {
            reporter.Report("the bucket or key was already gone");
            return;
        }

        await store.SetPermissionsAsync(bucketId, keyId, new SandboxPermissions(false, false, false), cancellationToken);
    }

    public override Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var permissions = store.GetBucket(record.Input(BucketGrantKind.BucketId)!)?.Keys
            .GetValueOrDefault(record.Input(BucketGrantKind.AccessKeyId)!);
        return Task.FromResult(permissions is null
            ? null
            : new ResourceReading(
                record.Inputs
                    .SetItem(BucketGrantKind.Read, ResourceValue.Of(permissions.Read))
                    .SetItem(BucketGrantKind.Write, ResourceValue.Of(permissions.Write))
                    .SetItem(BucketGrantKind.Owner, ResourceValue.Of(permissions.Owner)),
                record.Outputs));
    }
}
