using System.Text.Json.Serialization;

namespace Fediversity.Providers.Garage.Admin;

/// <summary>The parts of Garage's access key description that the providers use.</summary>
internal sealed record KeyInfo(
    [property: JsonPropertyName("accessKeyId")] string AccessKeyId,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("secretAccessKey")] string? SecretAccessKey);
