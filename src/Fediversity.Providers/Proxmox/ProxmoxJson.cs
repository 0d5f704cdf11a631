using System.Globalization;
using System.Text.Json;

namespace Fediversity.Providers.Proxmox;

/// <summary>Reads Proxmox's JSON, which sends many numbers as strings and some strings as numbers.</summary>
internal static class ProxmoxJson
{
    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static long? Number(JsonElement element, string property) =>
        Text(element, property) is { } text &&
        long.TryParse(text.Replace("current=", "", StringComparison.Ordinal).Split(',')[0],
            NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
}
