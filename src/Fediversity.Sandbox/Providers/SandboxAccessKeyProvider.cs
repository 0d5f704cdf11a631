using System.Collections.Immutable;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>Access keys on the stand-in S3 store.</summary>
public sealed class SandboxAccessKeyProvider(SandboxObjectStore store) : ResourceProvider
{
    public override string Kind => AccessKeyKind.Kind;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with { ReplaceOn = [AccessKeyKind.Name] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Text(AccessKeyKind.Name);
        var key = store.FindKeyByName(name) ?? await store.CreateKeyAsync(name, cancellationToken);
        request.Reporter.Report($"access key {key.Id}");
        return Outputs.Of(
            (AccessKeyKind.AccessKeyId, ResourceValue.Of(key.Id)),
            (AccessKeyKind.SecretAccessKey, ResourceValue.Of(new Secret(key.Secret))));
    }

    public override async Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        if (!await store.DeleteKeyAsync(record.Output(AccessKeyKind.AccessKeyId)!, cancellationToken))
        {
            reporter.Report("the key was already gone");
        }
    }

    public override Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(store.GetKey(record.Output(AccessKeyKind.AccessKeyId)!) is null
            ? null
            : new ResourceReading(record.Inputs, record.Outputs));
}
