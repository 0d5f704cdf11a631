namespace Fediversity.Tests.Emulators.Garage;

/// <summary>The admin API v2 response bodies, shaped as the OpenAPI description documents them.</summary>
internal static class AdminJson
{
    public static object Permissions(EmulatedPermissions p) => new { read = p.Read, write = p.Write, owner = p.Owner };

    /// <summary><c>GetBucketInfoResponse</c>; the caller holds the state's lock.</summary>
    public static object Bucket(GarageEmulatorState state, EmulatedBucket bucket) => new
    {
        id = bucket.Id,
        created = bucket.Created,
        globalAliases = bucket.GlobalAliases.ToArray(),
        websiteAccess = false,
        websiteConfig = (object?)null,
        keys = bucket.Grants
            .Where(g => g.Value.Any)
            .Select(g => new
            {
                accessKeyId = g.Key,
                name = state.Keys.TryGetValue(g.Key, out var key) ? key.Name : "",
                permissions = Permissions(g.Value),
                bucketLocalAliases = Array.Empty<string>(),
            })
            .ToArray(),
        objects = (long)bucket.Objects.Count,
        bytes = bucket.Objects.Values.Sum(o => (long)o.Data.Length),
        unfinishedUploads = 0L,
        unfinishedMultipartUploads = 0L,
        unfinishedMultipartUploadParts = 0L,
        unfinishedMultipartUploadBytes = 0L,
        quotas = new { maxSize = (long?)null, maxObjects = (long?)null },
    };

    /// <summary><c>GetKeyInfoResponse</c>; the caller holds the state's lock.</summary>
    public static object Key(GarageEmulatorState state, EmulatedKey key, bool showSecret) => new
    {
        accessKeyId = key.Id,
        name = key.Name,
        created = key.Created,
        expiration = (DateTimeOffset?)null,
        expired = false,
        secretAccessKey = showSecret ? key.Secret : null,
        permissions = new { createBucket = false },
        buckets = state.Buckets.Values
            .Where(b => b.PermissionsOf(key.Id).Any)
            .Select(b => new
            {
                id = b.Id,
                globalAliases = b.GlobalAliases.ToArray(),
                localAliases = Array.Empty<string>(),
                permissions = Permissions(b.PermissionsOf(key.Id)),
            })
            .ToArray(),
    };

    /// <summary>One <c>ListKeysResponseItem</c>.</summary>
    public static object KeyListItem(EmulatedKey key) => new
    {
        id = key.Id,
        name = key.Name,
        created = key.Created,
        expiration = (DateTimeOffset?)null,
        expired = false,
    };
}
