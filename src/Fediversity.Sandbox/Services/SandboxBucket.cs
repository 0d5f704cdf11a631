namespace Fediversity.Sandbox.Services;

/// <summary>A stand-in bucket, with the permissions each key holds on it.</summary>
public sealed record SandboxBucket
{
    public required string Id { get; init; }

    public required string Alias { get; init; }

    public IReadOnlyDictionary<string, SandboxPermissions> Keys { get; init; } =
        new Dictionary<string, SandboxPermissions>();
}

/// <summary>What one key may do on one bucket.</summary>
public sealed record SandboxPermissions(bool Read, bool Write, bool Owner)
{
    public bool Any => Read || Write || Owner;
}

/// <summary>A stand-in access key.</summary>
public sealed record SandboxKey
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Secret { get; init; }
}
