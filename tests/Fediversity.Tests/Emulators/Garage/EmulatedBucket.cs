namespace Fediversity.Tests.Emulators.Garage;

/// <summary>A bucket as the emulator keeps it; guarded by the state's lock.</summary>
public sealed class EmulatedBucket(string id, DateTimeOffset created)
{
    public string Id { get; } = id;

    public DateTimeOffset Created { get; } = created;

    public List<string> GlobalAliases { get; } = [];

    /// <summary>Flags per access key id. Entries outlive their key, as in Garage.</summary>
    public Dictionary<string, EmulatedPermissions> Grants { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, EmulatedObject> Objects { get; } = new(StringComparer.Ordinal);

    public EmulatedPermissions PermissionsOf(string keyId) =>
        Grants.GetValueOrDefault(keyId) ?? EmulatedPermissions.None;
}
