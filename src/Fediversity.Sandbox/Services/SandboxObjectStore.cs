using System.Security.Cryptography;

namespace Fediversity.Sandbox.Services;

/// <summary>
/// The stand-in for an S3 store with an admin API in the manner of Garage: buckets with a global alias
/// and a 64-hex id, keys with a <c>GK</c> id, grants per key and bucket. A bucket that holds objects
/// cannot be deleted; its objects are files in a folder.
/// </summary>
public sealed class SandboxObjectStore(string root, SandboxLatency latency, TimeProvider time)
{
    private readonly RecordFolder<SandboxBucket> buckets = new(Path.Combine(root, "s3", "buckets"));
    private readonly RecordFolder<SandboxKey> keys = new(Path.Combine(root, "s3", "keys"));
    private readonly string data = Path.Combine(root, "s3", "data");
    private NameIndex<SandboxBucket>? aliases;
    private NameIndex<SandboxKey>? keyNames;

    private NameIndex<SandboxBucket> Aliases => aliases ??= new(buckets, b => b.Alias, b => b.Id);

    private NameIndex<SandboxKey> KeyNames => keyNames ??= new(keys, k => k.Name, k => k.Id);

    public const string Endpoint = "https://s3.sandbox.internal";

    public const string Region = "sandbox";

    public IReadOnlyList<SandboxBucket> Buckets() => [.. buckets.All()];

    public IReadOnlyList<SandboxKey> Keys() => [.. keys.All()];

    public async Task<SandboxBucket> CreateBucketAsync(string alias, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        return buckets.Locked(() =>
        {
            if (FindBucket(alias) is not null)
            {
                throw new SandboxException($"a bucket with the alias '{alias}' already exists");
            }

            var bucket = new SandboxBucket { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Alias = alias };
            Aliases.Add(bucket);
            buckets.Write(bucket.Id, bucket);
            Directory.CreateDirectory(Path.Combine(data, bucket.Id));
            return bucket;
        });
    }

    public SandboxBucket? FindBucket(string alias) => Aliases.Find(alias);

    public SandboxBucket? GetBucket(string id) => buckets.Read(id);

    public async Task<bool> DeleteBucketAsync(string id, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        if (buckets.Read(id) is not { } bucket)
        {
            return false;
        }

        if (ListObjects(id).Count > 0)
        {
            throw new SandboxException($"bucket {id} is not empty");
        }

        // The data goes before the record, for the same reason as a machine's disk.
        var folder = Path.Combine(data, id);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        buckets.Delete(id);
        Aliases.Remove(bucket);
        return true;
    }

    public async Task<SandboxKey> CreateKeyAsync(string name, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        return keys.Locked(() =>
        {
            if (FindKeyByName(name) is not null)
            {
                throw new SandboxException($"a key named '{name}' already exists");
            }

            var key = new SandboxKey
            {
                Id = "GK" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
                Name = name,
                Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            };
            KeyNames.Add(key);
            keys.Write(key.Id, key);
            return key;
        });
    }

    public SandboxKey? FindKeyByName(string name) => KeyNames.Find(name);

    public SandboxKey? GetKey(string id) => keys.Read(id);

    public async Task<bool> DeleteKeyAsync(string id, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        if (keys.Read(id) is { } key)
        {
            KeyNames.Remove(key);
        }

        return keys.Delete(id);
    }

    /// <summary>Sets the key's permissions on the bucket to exactly <paramref name="permissions"/>.</summary>
    public async Task SetPermissionsAsync(
        string bucketId, string keyId, SandboxPermissions permissions, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        buckets.Locked(() =>
        {
            var bucket = buckets.Read(bucketId) ?? throw new SandboxException($"bucket {bucketId} does not exist");
            if (keys.Read(keyId) is null)
            {
                throw new SandboxException($"key {keyId} does not exist");
            }

            var grants = new Dictionary<string, SandboxPermissions>(bucket.Keys);
            if (permissions.Any)
            {
                grants[keyId] = permissions;
            }
            else
            {
                grants.Remove(keyId);
            }

            buckets.Write(bucketId, bucket with { Keys = grants });
            return true;
        });
    }

    /// <summary>Whether <paramref name="keyId"/> with <paramref name="secret"/> may read and write the bucket.</summary>
    public bool CanUse(string alias, string keyId, string secret) =>
        FindBucket(alias) is { } bucket && GetKey(keyId) is { } key && key.Secret == secret &&
        bucket.Keys.TryGetValue(keyId, out var p) && p.Read && p.Write;

    public void PutObject(string bucketId, string name, byte[] content)
    {
        var file = ObjectPath(bucketId, name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
    }

    public IReadOnlyList<string> ListObjects(string bucketId)
    {
        var folder = Path.Combine(data, bucketId);
        return Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal)]
            : [];
    }

    /// <summary>The bytes the bucket's objects take.</summary>
    public long SizeOf(string bucketId) => ListObjects(bucketId).Sum(name => new FileInfo(ObjectPath(bucketId, name)).Length);

    public async Task EmptyBucketAsync(string bucketId, CancellationToken cancellationToken)
    {
        await DelayAsync(cancellationToken);
        foreach (var name in ListObjects(bucketId))
        {
            File.Delete(ObjectPath(bucketId, name));
        }
    }

    private string ObjectPath(string bucketId, string name)
    {
        var folder = Path.GetFullPath(Path.Combine(data, bucketId));
        var file = Path.GetFullPath(Path.Combine(folder, name));
        return file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? file
            : throw new SandboxException($"'{name}' is not a valid object name");
    }

    private Task DelayAsync(CancellationToken cancellationToken) =>
        Task.Delay(latency.StorageCall, time, cancellationToken);
}
