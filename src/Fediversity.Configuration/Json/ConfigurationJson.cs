using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Fediversity.Configuration.Json;

/// <summary>
/// How configuration documents are written and read: camelCase names, enums as camelCase strings,
/// unknown fields refused, <c>required</c> members and nullable annotations enforced.
/// </summary>
public static class ConfigurationJson
{
    /// <summary>The options every configuration document is read and written with.</summary>
    public static JsonSerializerOptions Options { get; } = Create(JsonUnmappedMemberHandling.Disallow);

    /// <summary>
    /// The same options, but unknown fields are skipped. The loader reads with these only to find
    /// further mistakes in a document that already failed its schema.
    /// </summary>
    internal static JsonSerializerOptions Lenient { get; } = Create(JsonUnmappedMemberHandling.Skip);

    /// <summary>Writes <paramref name="value"/> as an indented configuration document.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a configuration document; throws <see cref="JsonException"/> when it does not fit.</summary>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException("The document is the JSON literal null, not an object.");

    private static JsonSerializerOptions Create(JsonUnmappedMemberHandling unmapped)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = unmapped,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            AllowOutOfOrderMetadataProperties = true,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };

        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }
}
