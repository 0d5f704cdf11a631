using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fediversity.Configuration.Schema;

/// <summary>Walks a schema and writes a Markdown table for each object in it.</summary>
internal sealed class ReferenceWriter
{
    private const int InlineDefaultLength = 50;

    private static readonly JsonSerializerOptions CompactJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly (string Keyword, string Words)[] Limits =
    [
        ("minimum", "At least {0}."),
        ("maximum", "At most {0}."),
        ("minLength", "At least {0} characters long."),
        ("maxLength", "At most {0} characters long."),
        ("minItems", "At least {0} entries."),
        ("maxItems", "At most {0} entries."),
    ];

    private readonly StringBuilder output = new();
    private readonly List<(string Title, string Path, JsonElement Schema)> children = [];
    private readonly Dictionary<string, string> rendered = new(StringComparer.Ordinal);

    public static string Render(string title, string introduction, JsonElement schema)
    {
        var writer = new ReferenceWriter();
        writer.output.Append("### ").AppendLine(title).AppendLine().AppendLine(introduction);
        writer.Section("Top level", "", schema);
        return writer.output.ToString().ReplaceLineEndings("\n");
    }

    private void Section(string title, string path, JsonElement schema)
    {
        output.AppendLine().Append("#### ").AppendLine(title).AppendLine();
        if (Text(schema, "description") is { } description)
        {
            output.AppendLine(Escape(description)).AppendLine();
        }

        var required = schema.TryGetProperty("required", out var names)
            ? names.EnumerateArray().Select(n => n.GetString()!).ToHashSet()
            : [];
        var properties = schema.TryGetProperty("properties", out var fields)
            ? fields.EnumerateObject().ToList()
            : [];
        if (properties.Count == 0)
        {
            output.AppendLine("No further fields.");
        }
        else
        {
            output.AppendLine("| Field | Type | Default | Required | Description |");
            output.AppendLine("| --- | --- | --- | --- | --- |");
        }

        // Sections for the objects in this one follow it, depth first, so related tables stay together.
        var mark = children.Count;
        foreach (var property in properties)
        {
            Row(Join(path, property.Name), property.Name, property.Value, required.Contains(property.Name));
        }

        var nested = children[mark..];
        children.RemoveRange(mark, children.Count - mark);

        foreach (var (name, variant) in Variants(schema))
        {
            Section($"`{path}` with `type` `{name}`", path, variant);
        }

        foreach (var child in nested)
        {
            Section(child.Title, child.Path, child.Schema);
        }
    }

    private void Row(string path, string name, JsonElement schema, bool required)
    {
        var cells = new[]
        {
            $"`{name}`",
            TypeOf(path, schema),
            DefaultOf(schema),
            required ? "yes" : "",
            Escape(string.Join(" ", new[] { Text(schema, "description") }.Concat(Constraints(schema))
                .Where(t => !string.IsNullOrEmpty(t)))),
        };
        output.Append("| ").AppendJoin(" | ", cells).AppendLine(" |");
    }

    private string TypeOf(string path, JsonElement schema)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            return "one of " + string.Join(", ", values.EnumerateArray().Select(v =>
                $"`{(v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())}`"));
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return $"`{constant.GetRawText()}`";
        }

        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList()
                : [type.GetString()!]
            : [];

        return types switch
        {
            ["object"] => ObjectType(path, schema),
            ["array"] when schema.TryGetProperty("items", out var items) => items.TryGetProperty("properties", out _)
                ? "list of " + ObjectType(path + "[]", items)
                : "list of " + TypeOf(path + "[]", items),
            ["string"] when Text(schema, "format") == "uri" => "string (URL)",
            _ => string.Join(" or ", types),
        };
    }

    /// <summary>Names the section that describes an object, queueing it the first time its shape is seen.</summary>
    private string ObjectType(string path, JsonElement schema)
    {
        var shape = Shape(schema);
        if (!rendered.TryGetValue(shape, out var first))
        {
            rendered[shape] = first = path;
            children.Add(($"`{path}`", path, schema));
        }

        return $"object, see `{first}`";
    }

    private static IEnumerable<(string Name, JsonElement Schema)> Variants(JsonElement schema)
    {
        if (!schema.TryGetProperty("allOf", out var branches))
        {
            yield break;
        }

        foreach (var branch in branches.EnumerateArray())
        {
            if (branch.TryGetProperty("if", out var condition) && branch.TryGetProperty("then", out var variant))
            {
                var name = condition.GetProperty("properties").GetProperty("type").GetProperty("const").GetString()!;
                yield return (name, WithoutDiscriminator(variant));
            }
        }
    }

    /// <summary>A variant without its <c>type</c> field, which the section above already lists.</summary>
    private static JsonElement WithoutDiscriminator(JsonElement variant)
    {
        var node = JsonNode.Parse(variant.GetRawText())!.AsObject();
        node["properties"]?.AsObject().Remove("type");
        return JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }

    private static string DefaultOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("default", out var value))
        {
            return "";
        }

        var json = JsonSerializer.Serialize(value, CompactJson);
        return value.ValueKind == JsonValueKind.Object && json.Length > InlineDefaultLength
            ? "as its fields' defaults"
            : $"`{json}`";
    }

    private static IEnumerable<string> Constraints(JsonElement schema)
    {
        if (Text(schema, "pattern") is { } pattern)
        {
            yield return $"Must match `{pattern}`.";
        }

        if (schema.TryGetProperty("minLength", out var least) && least.GetInt32() == 1)
        {
            yield return "Not empty.";
        }

        foreach (var (keyword, words) in Limits)
        {
            if (keyword == "minLength" && least.ValueKind == JsonValueKind.Number && least.GetInt32() == 1)
            {
                continue;
            }

            if (schema.TryGetProperty(keyword, out var limit))
            {
                var text = string.Format(CultureInfo.InvariantCulture, words, limit.GetRawText());
                yield return limit.GetRawText() == "1"
                    ? text.Replace(" entries.", " entry.", StringComparison.Ordinal)
                    : text;
            }
        }
    }

    private static string Shape(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        node.Remove("description");
        node.Remove("default");
        node.Remove("type");
        return node.ToJsonString();
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string? Text(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
