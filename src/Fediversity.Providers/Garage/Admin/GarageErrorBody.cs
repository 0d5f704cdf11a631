using System.Text.Json.Serialization;

namespace Fediversity.Providers.Garage.Admin;

/// <summary>The JSON body Garage answers a failed admin call with.</summary>
internal sealed record GarageErrorBody(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);
