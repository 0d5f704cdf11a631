using System.Text.Json.Serialization;

namespace Fediversity.Providers.PowerDns;

/// <summary>
/// The body that creates a zone. <c>soa_edit_api</c> is always given: without it, changes made through
/// the API do not bump the zone's serial and secondaries never see them.
/// </summary>
internal sealed record PowerDnsNewZone(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("nameservers")] IReadOnlyList<string> Nameservers,
    [property: JsonPropertyName("soa_edit_api")] string SoaEditApi);
