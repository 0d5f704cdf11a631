using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Fediversity.Configuration.Json;

namespace Fediversity.Configuration.Schema;

/// <summary>Turns a model type into its published JSON Schema text.</summary>
internal static class SchemaGenerator
{
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = SchemaAnnotations.Transform,
    };

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Generate(Type model, string title)
    {
        var exported = (JsonObject)ConfigurationJson.Options.GetJsonSchemaAsNode(model, ExporterOptions);
        var inlined = SchemaReferences.Inline(exported);
        var rewritten = (JsonObject)SchemaVariants.Rewrite(inlined)!;

        var schema = new JsonObject
        {
            ["$schema"] = Dialect,
            ["title"] = title,
        };
        foreach (var (key, value) in rewritten)
        {
            schema[key] = value?.DeepClone();
        }

        return schema.ToJsonString(WriteOptions).ReplaceLineEndings("\n") + "\n";
    }
}
