using System.Text.Json.Serialization;

namespace Fediversity.Providers.Garage.Admin;

/// <summary>A key that has permissions on a bucket, as <c>GetBucketInfo</c> lists it.</summary>
internal sealed record BucketKeyEntry(
    [property: JsonPropertyName("accessKeyId")] string AccessKeyId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("permissions")] BucketPermissions? Permissions);
