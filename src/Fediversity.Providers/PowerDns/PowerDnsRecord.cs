using System.Text.Json.Serialization;

namespace Fediversity.Providers.PowerDns;

/// <summary>One record of a record set, as the API sends and takes it.</summary>
internal sealed record PowerDnsRecord(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("disabled")] bool Disabled);
