using System.Text.Json.Serialization;

namespace Fediversity.Providers.Garage.Admin;

/// <summary>One entry of <c>ListKeys</c>.</summary>
internal sealed record KeyListItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name);
