using Fediversity.Providers.Garage.Admin;
using Fediversity.Providers.Garage.S3;
using Fediversity.Resources;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.Garage;

/// <summary>
/// Empties a bucket before it is deleted. The admin API cannot delete objects, so a short-lived access
/// key is made for the bucket, the objects are deleted through the S3 API with it, and the key is
/// deleted again. The key's name is derived from the bucket id, so a run cut off half-way reuses it.
/// </summary>
internal sealed class BucketCleaner(GarageAdminClient admin, BucketEmptier emptier)
{
    private const string KeyPrefix = "fediversity-empty-";

    public async Task EmptyAsync(BucketInfo bucket, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var alias = bucket.GlobalAliases is [var first, ..] ? first : throw new ProviderException(
            $"bucket {bucket.Id} holds objects but has no global alias to reach it through the S3 API; " +
            "give it one (garage bucket alias) and run again");

        var key = await TemporaryKeyAsync(bucket.Id, cancellationToken);
        try
        {
            await admin.AllowAsync(bucket.Id, key.AccessKeyId, new BucketPermissions(true, true, false),
                cancellationToken);
            reporter.Report($"emptying bucket {alias} ({bucket.Objects} objects)");
            var secret = new Secret(key.SecretAccessKey ?? throw new ProviderException(
                $"Garage did not show the secret of the temporary key {key.AccessKeyId}"));
            await emptier.EmptyAsync(alias, key.AccessKeyId, secret, reporter, cancellationToken);
        }
        finally
        {
            await DeleteTemporaryKeyAsync(key.AccessKeyId, reporter);
        }
    }

    /// <summary>Best effort: a failure here must not hide the emptying's own outcome.</summary>
    private async Task DeleteTemporaryKeyAsync(string accessKeyId, IStepReporter reporter)
    {
        try
        {
            await admin.DeleteKeyAsync(accessKeyId, CancellationToken.None);
        }
        catch (ProviderException e)
        {
            reporter.Report(
                $"the temporary access key {accessKeyId} could not be deleted; delete it by hand: {e.Message}");
        }
    }

    private async Task<KeyInfo> TemporaryKeyAsync(string bucketId, CancellationToken cancellationToken)
    {
        var name = KeyPrefix + bucketId[..Math.Min(16, bucketId.Length)];
        var earlier = (await admin.ListKeysAsync(cancellationToken)).FirstOrDefault(k => k.Name == name);
        if (earlier is not null && await admin.GetKeyAsync(earlier.Id, true, cancellationToken) is { } found)
        {
            return found;
        }

        var created = await admin.CreateKeyAsync(name, cancellationToken);
        return created.SecretAccessKey is null
            ? await admin.GetKeyAsync(created.AccessKeyId, true, cancellationToken) ?? created
            : created;
    }
}
