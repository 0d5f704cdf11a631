using System.Globalization;
using System.Text.Json;

namespace Fediversity.Configuration.Validation;

/// <summary>Builds the JSON paths problems are reported at, such as <c>$.machines.hosts[0].name</c>.</summary>
internal static class DocumentPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        name.Length > 0 && name.All(char.IsAsciiLetterOrDigit) && char.IsAsciiLetter(name[0])
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    /// <summary>The last name in a path: the field a problem is about.</summary>
    public static string LastName(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }

    /// <summary>The reference tokens of a JSON Pointer (RFC 6901), unescaped.</summary>
    public static IReadOnlyList<string> Segments(string pointer)
    {
        var text = pointer.StartsWith('#') ? Uri.UnescapeDataString(pointer[1..]) : pointer;
        if (text.Length == 0)
        {
            return [];
        }

        return [.. text[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal)
            .Replace("~0", "~", StringComparison.Ordinal))];
    }

    /// <summary>Turns a JSON Pointer into this document's JSON path, telling array indexes from names.</summary>
    public static string FromPointer(string pointer, JsonElement document)
    {
        var path = Root;
        JsonElement? current = document;
        foreach (var segment in Segments(pointer))
        {
            if (current is { ValueKind: JsonValueKind.Array } array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                path = Index(path, index);
                current = index < array.GetArrayLength() ? array[index] : null;
            }
            else
            {
                path = Property(path, segment);
                current = current is { ValueKind: JsonValueKind.Object } obj
                    && obj.TryGetProperty(segment, out var child) ? child : null;
            }
        }

        return path;
    }

    /// <summary>The element a JSON Pointer points at, if any.</summary>
    public static JsonElement? Resolve(JsonElement document, IEnumerable<string> segments)
    {
        var current = document;
        foreach (var segment in segments)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
