using System.Collections.Immutable;
using Fediversity.Providers.Garage.S3;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Garage;

/// <summary>
/// A bucket the hosting provider made and handed over. Creating it checks through the S3 API, with
/// the credentials handed over, that it exists and can be listed and written; nothing is ever created
/// or deleted in Garage, and deleting the resource keeps the bucket.
/// </summary>
internal sealed class GarageExistingBucketProvider(BucketAccessCheck check, GarageOptions options)
    : ResourceProvider
{
    public override string Kind => ExistingBucketKind.Kind;

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var bucket = request.Text(ExistingBucketKind.Bucket);
        var keyId = request.Text(ExistingBucketKind.AccessKeyId);
        await check.CheckAsync(bucket, keyId, request.Secret(ExistingBucketKind.SecretAccessKey), cancellationToken);

        request.Reporter.Report($"bucket {bucket} is reachable with access key {keyId}");
        return GarageOutputs.Of(
            (ExistingBucketKind.Endpoint, ResourceValue.Of(options.S3EndpointText)),
            (ExistingBucketKind.Region, ResourceValue.Of(options.Region)));
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var bucket = record.Input(ExistingBucketKind.Bucket);
        reporter.Report($"bucket {bucket} belongs to the hosting provider; it is kept");
        return Task.CompletedTask;
    }
}
