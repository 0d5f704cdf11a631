using System.Text.Json;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Validation;

/// <summary>The words for each kind of schema failure.</summary>
internal static class SchemaMessages
{
    private const string ApplicationsPath = "$.applications";

    /// <summary>Explains one failing keyword; a problem marked replaceable may give way to a precise rule.</summary>
    public static IEnumerable<(ValidationProblem Problem, bool Replaceable)> Explain(
        SchemaFailure failure, string keyword, string fallback)
    {
        var schema = failure.Subschema;
        var value = failure.Value;
        var path = failure.Path;

        switch (keyword)
        {
            case "" or "false" when failure.Evaluation is [.., "additionalProperties"]:
                yield return (UnknownField(failure), false);
                break;

            case "required":
                foreach (var missing in Missing(schema, value))
                {
                    yield return (missing with { Path = DocumentPath.Property(path, missing.Path) }, false);
                }

                break;

            case "type":
                yield return (new(path, $"must be {Expected(schema)}, not {Describe(value)}"), false);
                break;

            case "enum":
                yield return (new(path, $"{Quote(value)} is not allowed here; choose one of "
                    + $"{List(schema?.GetProperty("enum"))}"), false);
                break;

            case "const":
                yield return (new(path, $"must be {schema?.GetProperty("const").GetRawText()}"), false);
                break;

            case "pattern":
                yield return (Pattern(path, value, schema?.GetProperty("pattern").GetString() ?? ""), true);
                break;

            case "minimum" or "maximum" or "minLength" or "maxLength" or "minItems" or "maxItems":
                yield return (new(path, Limit(keyword, schema?.GetProperty(keyword).GetInt64() ?? 0, value)), true);
                break;

            default:
                yield return (new(path, fallback), false);
                break;
        }
    }

    private static ValidationProblem UnknownField(SchemaFailure failure)
    {
        var path = failure.Path;
        var name = DocumentPath.Segments(failure.InstancePointer)[^1];
        var known = failure.ParentSchema is { } parent && parent.TryGetProperty("properties", out var properties)
            ? string.Join(", ", properties.EnumerateObject().Select(p => p.Name))
            : "";

        var parentPointer = failure.InstancePointer[..failure.InstancePointer.LastIndexOf('/')];
        return DocumentPath.FromPointer(parentPointer, failure.Document) == ApplicationsPath
            ? new(path, $"unknown application '{name}'; choose one of {known}")
            : new(path, $"unknown field '{name}'; remove it or check its spelling (known fields: {known})");
    }

    /// <summary>The missing fields, each as a problem whose path is just the field's name.</summary>
    private static IEnumerable<ValidationProblem> Missing(JsonElement? schema, JsonElement? value)
    {
        if (schema is not { } s || !s.TryGetProperty("required", out var required)
            || value is not { ValueKind: JsonValueKind.Object } obj)
        {
            yield break;
        }

        foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
        {
            if (obj.TryGetProperty(name, out _))
            {
                continue;
            }

            var field = s.TryGetProperty("properties", out var properties)
                && properties.TryGetProperty(name, out var f) ? f : (JsonElement?)null;

            if (field is { } choice && choice.TryGetProperty("enum", out var choices))
            {
                yield return new(name, $"missing required field '{name}'; choose one of {List(choices)}");
            }
            else if (field is { } described && described.TryGetProperty("description", out var description))
            {
                yield return new(name, $"missing required field '{name}' ({description.GetString()}); add it");
            }
            else
            {
                yield return new(name, $"missing required field '{name}'; add it");
            }
        }
    }

    private static ValidationProblem Pattern(string path, JsonElement? value, string pattern)
    {
        var wanted = ConfigurationPatterns.Explain(pattern);
        return SecretNames.IsSecret(path) || value is not { ValueKind: JsonValueKind.String } text
            ? new(path, $"does not have the right form; use {wanted}")
            : new(path, $"'{text.GetString()}' is not valid here; use {wanted}");
    }

    private static string Limit(string keyword, long limit, JsonElement? value) => keyword switch
    {
        "minimum" => $"must be at least {limit}, not {value?.GetRawText()}",
        "maximum" => $"must be at most {limit}, not {value?.GetRawText()}",
        "minLength" when limit == 1 => "must not be empty",
        "minLength" => $"must be at least {limit} characters long",
        "maxLength" => $"must be at most {limit} characters long",
        "minItems" when limit == 1 => "must list at least one entry",
        "minItems" => $"must list at least {limit} entries",
        _ => $"must list at most {limit} entries",
    };

    private static string Expected(JsonElement? schema)
    {
        if (schema is not { } s || !s.TryGetProperty("type", out var type))
        {
            return "something else";
        }

        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null")
            : [type.GetString()!];
        return string.Join(" or ", names.Select(Noun));
    }

    private static string Noun(string type) => type switch
    {
        "string" => "a string (text in double quotes)",
        "integer" => "a whole number",
        "number" => "a number",
        "boolean" => "true or false",
        "object" => "an object ({ ... })",
        "array" => "a list ([ ... ])",
        _ => type,
    };

    private static string Describe(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Quote(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text
        ? $"'{text.GetString()}'"
        : value?.GetRawText() ?? "nothing";

    private static string List(JsonElement? values) => values is { ValueKind: JsonValueKind.Array } array
        ? string.Join(", ", array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : v.GetRawText()))
        : "";
}
