using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>Reads admin request bodies strictly, so that a malformed call fails as it would on Garage.</summary>
internal static class AdminRequests
{
    public static async Task<JsonObject?> BodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)
                as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A flag of a permissions object; absent means false.</summary>
    public static bool? Flag(JsonObject permissions, string name) => permissions[name] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => null,
    };
}
