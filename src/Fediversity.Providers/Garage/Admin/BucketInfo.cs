using System.Text.Json.Serialization;

namespace Fediversity.Providers.Garage.Admin;

/// <summary>The parts of Garage's bucket description that the providers use.</summary>
internal sealed record BucketInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("globalAliases")] IReadOnlyList<string>? GlobalAliases,
    [property: JsonPropertyName("keys")] IReadOnlyList<BucketKeyEntry>? Keys,
    [property: JsonPropertyName("objects")] long Objects,
    [property: JsonPropertyName("unfinishedUploads")] long UnfinishedUploads)
{
    /// <summary>The permissions the key has on this bucket; none when it is not listed.</summary>
    public BucketPermissions PermissionsOf(string accessKeyId) =>
        Keys?.FirstOrDefault(k => k.AccessKeyId == accessKeyId)?.Permissions ?? BucketPermissions.None;
}
