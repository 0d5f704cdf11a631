using System.Text.Json;

namespace Fediversity.Configuration.Validation;

/// <summary>Where one schema evaluation step failed, in both the schema and the document.</summary>
/// <param name="Schema">The whole schema.</param>
/// <param name="Evaluation">The steps through the schema to the failing subschema.</param>
/// <param name="Document">The whole document.</param>
/// <param name="InstancePointer">The JSON Pointer of the failing value in the document.</param>
internal sealed record SchemaFailure(
    JsonElement Schema,
    IReadOnlyList<string> Evaluation,
    JsonElement Document,
    string InstancePointer)
{
    /// <summary>The failing value's JSON path.</summary>
    public string Path => DocumentPath.FromPointer(InstancePointer, Document);

    /// <summary>The failing value.</summary>
    public JsonElement? Value => DocumentPath.Resolve(Document, DocumentPath.Segments(InstancePointer));

    /// <summary>The failing subschema; when it is a <c>false</c> schema, that schema itself.</summary>
    public JsonElement? Subschema => DocumentPath.Resolve(Schema, Evaluation);

    /// <summary>The schema that holds the failing subschema, for example the object above a field's schema.</summary>
    public JsonElement? ParentSchema => DocumentPath.Resolve(Schema, Evaluation.Take(Evaluation.Count - 1));
}
