using System.Text.Json.Serialization;

namespace Fediversity.Providers.Garage.Admin;

/// <summary>The three flags Garage keeps per key and bucket.</summary>
internal sealed record BucketPermissions(
    [property: JsonPropertyName("read")] bool Read,
    [property: JsonPropertyName("write")] bool Write,
    [property: JsonPropertyName("owner")] bool Owner)
{
    public static BucketPermissions None { get; } = new(false, false, false);

    public bool Any => Read || Write || Owner;

    public override string ToString() => $"read={Read}, write={Write}, owner={Owner}";
}
