using System.Collections.Immutable;
using System.Net;
using Fediversity.Providers.Garage.Admin;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Garage;

/// <summary>
/// Buckets in Garage, found and made by their global alias. Deleting one empties it through the S3
/// API first, because Garage refuses to delete a bucket that holds objects.
/// </summary>
internal sealed class GarageBucketProvider(GarageAdminClient admin, BucketCleaner cleaner, GarageOptions options)
    : ResourceProvider
{
    public override string Kind => BucketKind.Kind;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [BucketKind.Alias], DestroyLosesData = true };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var alias = request.Text(BucketKind.Alias);
        var bucket = await admin.FindBucketByAliasAsync(alias, cancellationToken);
        if (bucket is not null)
        {
            request.Reporter.Report($"found bucket {alias} from an earlier run");
            return Outputs(bucket);
        }

        try
        {
            bucket = await admin.CreateBucketAsync(alias, cancellationToken);
            request.Reporter.Report($"created bucket {alias}");
        }
        catch (GarageApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            // Made by someone else between the lookup and the create: take it over like any earlier one.
            bucket = await admin.FindBucketByAliasAsync(alias, cancellationToken);
            if (bucket is null)
            {
                throw;
            }

            request.Reporter.Report($"found bucket {alias}, made at the same time");
        }

        return Outputs(bucket);
    }

    public override async Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var id = record.Output(BucketKind.BucketId)!;
        var bucket = await admin.GetBucketAsync(id, cancellationToken);
        if (bucket is null)
        {
            reporter.Report("the bucket was already gone");
            return;
        }

        if (bucket.Objects > 0)
        {
            await cleaner.EmptyAsync(bucket, reporter, cancellationToken);
        }

        try
        {
            await admin.DeleteBucketAsync(id, cancellationToken);
        }
        catch (GarageApiException e) when (e.Status == HttpStatusCode.BadRequest)
        {
            // Garage's object counters lag behind; an apparently empty bucket may still hold objects.
            await cleaner.EmptyAsync(bucket, reporter, cancellationToken);
            await admin.DeleteBucketAsync(id, cancellationToken);
        }

        reporter.Report($"deleted bucket {record.Input(BucketKind.Alias) ?? id}");
    }

    /// <summary>
    /// <c>null</c> when the bucket is gone. An alias changed outside Fediversity is not reported as
    /// drift: the only repair the planner has for a new alias is replacing the bucket, which would
    /// throw its data away.
    /// </summary>
    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var bucket = await admin.GetBucketAsync(record.Output(BucketKind.BucketId)!, cancellationToken);
        return bucket is null ? null : new ResourceReading(record.Inputs, Outputs(bucket));
    }

    private ImmutableSortedDictionary<string, ResourceValue> Outputs(BucketInfo bucket) => GarageOutputs.Of(
        (BucketKind.BucketId, ResourceValue.Of(bucket.Id)),
        (BucketKind.Endpoint, ResourceValue.Of(options.S3EndpointText)),
        (BucketKind.Region, ResourceValue.Of(options.Region)));
}
