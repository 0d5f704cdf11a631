using System.Text.Json.Nodes;

namespace Fediversity.Configuration.Schema;

/// <summary>
/// Rewrites each polymorphic object from the exporter's <c>anyOf</c> into an <c>enum</c> on its
/// <c>type</c> plus one <c>if</c>/<c>then</c> per variant. A validator then reports a wrong
/// <c>type</c> once, and otherwise only the mistakes against the variant that was chosen.
/// </summary>
internal static class SchemaVariants
{
    public const string Discriminator = "type";

    public static JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                foreach (var key in schema.Select(pair => pair.Key).ToList())
                {
                    schema[key] = Rewrite(schema[key]?.DeepClone());
                }

                return TryVariants(schema, out var variants) ? Split(schema, variants) : schema;

            case JsonArray array:
                return new JsonArray([.. array.Select(item => Rewrite(item?.DeepClone()))]);

            default:
                return node;
        }
    }

    private static bool TryVariants(JsonObject schema, out List<(string Name, JsonObject Schema)> variants)
    {
        variants = [];
        if (schema["anyOf"] is not JsonArray anyOf || anyOf.Count == 0)
        {
            return false;
        }

        foreach (var branch in anyOf)
        {
            if (branch is not JsonObject branchSchema
                || branchSchema["properties"]?[Discriminator]?["const"] is not JsonValue name)
            {
                return false;
            }

            variants.Add((name.GetValue<string>(), branchSchema));
        }

        return true;
    }

    private static JsonObject Split(JsonObject schema, List<(string Name, JsonObject Schema)> variants)
    {
        var names = string.Join(", ", variants.Select(v => v.Name));
        var result = new JsonObject();
        CopyIfPresent(schema, result, "description");
        CopyIfPresent(schema, result, "type");

        result["properties"] = new JsonObject
        {
            [Discriminator] = new JsonObject
            {
                ["description"] = $"Which kind this is: one of {names}.",
                ["enum"] = new JsonArray([.. variants.Select(v => (JsonNode)v.Name)]),
            },
        };
        result["required"] = new JsonArray(Discriminator);

        result["allOf"] = new JsonArray([.. variants.Select(v => (JsonNode)new JsonObject
        {
            ["if"] = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    [Discriminator] = new JsonObject { ["const"] = v.Name },
                },
                ["required"] = new JsonArray(Discriminator),
            },
            ["then"] = v.Schema.DeepClone(),
        })]);

        CopyIfPresent(schema, result, "default");
        return result;
    }

    private static void CopyIfPresent(JsonObject from, JsonObject to, string key)
    {
        if (from[key] is { } value)
        {
            to[key] = value.DeepClone();
        }
    }
}
