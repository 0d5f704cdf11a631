using System.Text.Json.Nodes;

namespace Fediversity.Configuration.Schema;

/// <summary>
/// Replaces the exporter's local <c>$ref</c>s by copies of what they point at, so every field reads
/// on its own and error locations follow the document's shape. Keywords next to a <c>$ref</c>
/// (the field's own description and default) win over those of the copied schema.
/// </summary>
internal static class SchemaReferences
{
    private const int MaxDepth = 32;

    public static JsonObject Inline(JsonObject root) => (JsonObject)Copy(root, root, 0)!;

    private static JsonNode? Copy(JsonNode? node, JsonObject root, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("The schema refers to itself; recursive models cannot be inlined.");
        }

        switch (node)
        {
            case JsonObject reference when reference["$ref"] is JsonValue target:
                var merged = (JsonObject)Copy(Resolve(root, target.GetValue<string>()), root, depth + 1)!;
                foreach (var (key, value) in reference)
                {
                    if (key != "$ref")
                    {
                        merged[key] = Copy(value, root, depth);
                    }
                }

                return merged;

            case JsonObject schema:
                var copy = new JsonObject();
                foreach (var (key, value) in schema)
                {
                    copy[key] = Copy(value, root, depth);
                }

                return copy;

            case JsonArray array:
                return new JsonArray([.. array.Select(item => Copy(item, root, depth))]);

            default:
                return node?.DeepClone();
        }
    }

    private static JsonNode Resolve(JsonObject root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only local references can be inlined, not '{reference}'.");
        }

        JsonNode? node = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal)
                .Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[name],
                JsonArray array => array[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)],
                _ => null,
            };
        }

        return node ?? throw new InvalidOperationException($"The reference '{reference}' points at nothing.");
    }
}
