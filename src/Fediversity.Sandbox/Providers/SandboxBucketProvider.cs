using System.Collections.Immutable;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>Buckets on the stand-in S3 store; deleting one empties it first.</summary>
public sealed class SandboxBucketProvider(SandboxObjectStore store) : ResourceProvider
{
    public override string Kind => BucketKind.Kind;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [BucketKind.Alias], DestroyLosesData = true };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var alias = request.Text(BucketKind.Alias);
        var bucket = store.FindBucket(alias);
        if (bucket is null)
        {
            bucket = await store.CreateBucketAsync(alias, cancellationToken);
            request.Reporter.Report($"created bucket {alias}");
        }
        else
        {
            request.Reporter.Report($"found bucket {alias} from an earlier run");
        }

        return Outputs.Of(
            (BucketKind.BucketId, ResourceValue.Of(bucket.Id)),
            (BucketKind.Endpoint, ResourceValue.Of(SandboxObjectStore.Endpoint)),
            (BucketKind.Region, ResourceValue.Of(SandboxObjectStore.Region)));
    }

    public override async Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var id = record.Output(BucketKind.BucketId)!;
        if (store.GetBucket(id) is null)
        {
            reporter.Report("the bucket was already gone");
            return;
        }

        var objects = store.ListObjects(id).Count;
        if (objects > 0)
        {
            reporter.Report($"emptying the bucket ({objects} objects)");
            await store.EmptyBucketAsync(id, cancellationToken);
        }

        await store.DeleteBucketAsync(id, cancellationToken);
    }

    public override Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var id = record.Output(BucketKind.BucketId)!;
        if (store.GetBucket(id) is null)
        {
            return Task.FromResult<ResourceReading?>(null);
        }

        var outputs = record.Outputs
            .SetItem(BucketKind.Objects, ResourceValue.Of(store.ListObjects(id).Count))
            .SetItem(BucketKind.Bytes, ResourceValue.Of(store.SizeOf(id)));
        return Task.FromResult<ResourceReading?>(new ResourceReading(record.Inputs, outputs));
    }
}
