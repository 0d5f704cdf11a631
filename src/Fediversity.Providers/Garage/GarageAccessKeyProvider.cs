using System.Collections.Immutable;
using Fediversity.Providers.Garage.Admin;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Garage;

/// <summary>Access keys in Garage, found and made by their name.</summary>
internal sealed class GarageAccessKeyProvider(GarageAdminClient admin) : ResourceProvider
{
    public override string Kind => AccessKeyKind.Kind;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with { ReplaceOn = [AccessKeyKind.Name] };

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Text(AccessKeyKind.Name);
        var named = (await admin.ListKeysAsync(cancellationToken)).Where(k => k.Name == name).ToList();
        if (named.Count > 1)
        {
            throw new ProviderException(
                $"Garage has {named.Count} access keys named '{name}' " +
                $"({string.Join(", ", named.Select(k => k.Id))}); " +
                "delete the ones no application uses and run again");
        }

        KeyInfo? key = null;
        if (named.Count == 1)
        {
            key = await admin.GetKeyAsync(named[0].Id, showSecretKey: true, cancellationToken);
            if (key is not null)
            {
                request.Reporter.Report($"found access key {key.AccessKeyId} from an earlier run");
            }
        }

        if (key is null)
        {
            key = await admin.CreateKeyAsync(name, cancellationToken);
            request.Reporter.Report($"created access key {key.AccessKeyId}");
        }

        var secret = key.SecretAccessKey
            ?? (await admin.GetKeyAsync(key.AccessKeyId, showSecretKey: true, cancellationToken))?.SecretAccessKey
            ?? throw new ProviderException(
                $"Garage does not show the secret key of access key {key.AccessKeyId}; check that the admin " +
                "token may read secret keys");

        return GarageOutputs.Of(
            (AccessKeyKind.AccessKeyId, ResourceValue.Of(key.AccessKeyId)),
            (AccessKeyKind.SecretAccessKey, ResourceValue.Of(new Secret(secret))));
    }

    public override async Task DeleteAsync(
        ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var id = record.Output(AccessKeyKind.AccessKeyId)!;
        reporter.Report(await admin.DeleteKeyAsync(id, cancellationToken)
            ? $"deleted access key {id}"
            : "the key was already gone");
    }

    /// <summary><c>null</c> when the key is gone; a name changed outside Fediversity shows as drift.</summary>
    public override async Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        var key = await admin.GetKeyAsync(record.Output(AccessKeyKind.AccessKeyId)!, false, cancellationToken);
        return key is null
            ? null
            : new ResourceReading(
                record.Inputs.SetItem(AccessKeyKind.Name, ResourceValue.Of(key.Name ?? "")), record.Outputs);
    }
}
