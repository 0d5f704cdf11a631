using System.Text.Json.Serialization;

namespace Fediversity.Providers.PowerDns;

/// <summary>
/// A record set: all records of one name and type. In a change, <see cref="ChangeType"/> is
/// <c>REPLACE</c> (the whole set is swapped) or <c>DELETE</c>.
/// </summary>
internal sealed record PowerDnsRRSet(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("ttl")] int? Ttl,
    [property: JsonPropertyName("changetype")] string? ChangeType,
    [property: JsonPropertyName("records")] IReadOnlyList<PowerDnsRecord>? Records);
