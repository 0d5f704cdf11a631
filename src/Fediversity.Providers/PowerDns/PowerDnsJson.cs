using System.Text.Json.Serialization;

namespace Fediversity.Providers.PowerDns;

/// <summary>The API's JSON shapes, serialized without reflection.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PowerDnsZone))]
[JsonSerializable(typeof(PowerDnsNewZone))]
[JsonSerializable(typeof(PowerDnsPatch))]
[JsonSerializable(typeof(PowerDnsError))]
internal sealed partial class PowerDnsJson : JsonSerializerContext;
