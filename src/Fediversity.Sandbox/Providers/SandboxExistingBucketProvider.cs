using System.Collections.Immutable;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>
/// A bucket the hosting provider handed over: checked to be reachable with its credentials, never
/// created or deleted.
/// </summary>
public sealed class SandboxExistingBucketProvider(SandboxObjectStore store) : ResourceProvider
{
    public override string Kind => ExistingBucketKind.Kind;

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var bucket = request.Text(ExistingBucketKind.Bucket);
        var keyId = request.Text(ExistingBucketKind.AccessKeyId);
        if (!store.CanUse(bucket, keyId, request.Secret(ExistingBucketKind.SecretAccessKey).Reveal()))
        {
            throw new ProviderException(
                $"the bucket '{bucket}' cannot be read and written with access key {keyId}: check the bucket name " +
                "and the credentials the hosting provider handed over");
        }

        request.Reporter.Report($"bucket {bucket} is reachable with access key {keyId}");
        return Task.FromResult(Outputs.Of(
            (ExistingBucketKind.Endpoint, ResourceValue.Of(SandboxObjectStore.Endpoint)),
            (ExistingBucketKind.Region, ResourceValue.Of(SandboxObjectStore.Region))));
    }

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken) => CreateAsync(request, cancellationToken);

    public override Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        reporter.Report($"bucket {record.Input(ExistingBucketKind.Bucket)} belongs to the hosting provider; it is kept");
        return Task.CompletedTask;
    }
}
