using System.Text.Json.Serialization;

namespace Fediversity.Providers.PowerDns;

/// <summary>A zone as the API returns it, with its record sets.</summary>
internal sealed record PowerDnsZone(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("rrsets")] IReadOnlyList<PowerDnsRRSet>? RRSets)
{
    /// <summary>The record set of that name and type, or <c>null</c>.</summary>
    public PowerDnsRRSet? Find(string name, string type) => RRSets?.FirstOrDefault(r =>
        string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));
}
