using System.Text.Json;
using Json.Schema;

namespace Fediversity.Configuration.Schema;

/// <summary>A generated schema in the three shapes the loader needs.</summary>
/// <param name="Text">The schema as published.</param>
/// <param name="Document">The schema's JSON, for looking up what a failing keyword asked for.</param>
/// <param name="Evaluator">The schema, ready to evaluate documents against.</param>
internal sealed record CompiledSchema(string Text, JsonElement Document, JsonSchema Evaluator)
{
    public static CompiledSchema Of(Type model, string title, string fileName)
    {
        var text = SchemaGenerator.Generate(model, title);
        var document = JsonDocument.Parse(text).RootElement.Clone();

        // A registry of its own, so that building the schema never collides with another copy of it.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var evaluator = JsonSchema.FromText(text, options, new Uri($"https://fediversity.invalid/schema/{fileName}"));
        return new CompiledSchema(text, document, evaluator);
    }
}
