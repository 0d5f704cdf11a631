using System.Text.Json.Serialization;

namespace Fediversity.Providers.PowerDns;

/// <summary>The body PowerDNS sends with a refusal: <c>{"error": "..."}</c>.</summary>
internal sealed record PowerDnsError([property: JsonPropertyName("error")] string? Error);
