using System.Security.Cryptography;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>
/// What the emulated Garage cluster holds. Every access takes <see cref="Gate"/>; tests use the
/// helpers below to change things behind Fediversity's back, as an administrator would.
/// </summary>
public sealed class GarageEmulatorState(TimeProvider time)
{
    public object Gate { get; } = new();

    public Dictionary<string, EmulatedBucket> Buckets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EmulatedKey> Keys { get; } = new(StringComparer.Ordinal);

    public TimeProvider Time => time;

    public static bool IsBucketId(string? id) =>
        id is { Length: 64 } && id.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));

    /// <summary>Garage key ids are <c>GK</c> followed by 24 lowercase hex digits.</summary>
    public static bool IsKeyId(string? id) =>
        id is { Length: 26 } && id.StartsWith("GK", StringComparison.Ordinal) &&
        id[2..].All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));

    public EmulatedBucket AddBucket(string? alias)
    {
        lock (Gate)
        {
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var bucket = new EmulatedBucket(id, time.GetUtcNow());
            if (alias is not null)
            {
                bucket.GlobalAliases.Add(alias);
            }

            Buckets.Add(bucket.Id, bucket);
            return bucket;
        }
    }

    public EmulatedKey AddKey(string name)
    {
        lock (Gate)
        {
            var key = new EmulatedKey(
                "GK" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                name,
                time.GetUtcNow());
            Keys.Add(key.Id, key);
            return key;
        }
    }

    public EmulatedBucket? FindByAlias(string alias)
    {
        lock (Gate)
        {
            return Buckets.Values.FirstOrDefault(b => b.GlobalAliases.Contains(alias));
        }
    }

    /// <summary>Sets a key's flags on a bucket directly, as an administrator with the garage CLI would.</summary>
    public void SetGrant(string bucketId, string keyId, EmulatedPermissions permissions)
    {
        lock (Gate)
        {
            Buckets[bucketId].Grants[keyId] = permissions;
        }
    }

    public EmulatedPermissions GrantOf(string bucketId, string keyId)
    {
        lock (Gate)
        {
            return Buckets[bucketId].PermissionsOf(keyId);
        }
    }

    /// <summary>Stores an object directly, without going through the S3 API.</summary>
    public void PutObject(string bucketId, string key, byte[] data)
    {
        lock (Gate)
        {
            Buckets[bucketId].Objects[key] = new EmulatedObject(
                data, time.GetUtcNow(), '"' + Convert.ToHexStringLower(SHA256.HashData(data)[..16]) + '"');
        }
    }

    public int ObjectCount(string bucketId)
    {
        lock (Gate)
        {
            return Buckets.TryGetValue(bucketId, out var bucket) ? bucket.Objects.Count : 0;
        }
    }
}
