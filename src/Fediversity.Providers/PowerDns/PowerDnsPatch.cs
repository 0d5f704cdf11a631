using System.Text.Json.Serialization;

namespace Fediversity.Providers.PowerDns;

/// <summary>The body of a change to a zone's record sets.</summary>
internal sealed record PowerDnsPatch([property: JsonPropertyName("rrsets")] IReadOnlyList<PowerDnsRRSet> RRSets);
