namespace Fediversity.Configuration.Schema;

/// <summary>
/// The configuration reference in Markdown, generated from the published schemas: one table per
/// object, with each field's type, default, whether it is required, and its description.
/// </summary>
public static class ConfigurationReference
{
    /// <summary>The reference of the operator configuration.</summary>
    public static string RenderOperator() => ReferenceWriter.Render(
        "Operator configuration",
        "The document an operator's choices are kept in; its schema is "
            + $"`schema/{ConfigurationSchemas.OperatorFileName}`.",
        ConfigurationSchemas.Operator.Document);

    /// <summary>The reference of the hosting environment.</summary>
    public static string RenderEnvironment() => ReferenceWriter.Render(
        "Hosting environment",
        "The document a hosting provider describes its infrastructure in; its schema is "
            + $"`schema/{ConfigurationSchemas.EnvironmentFileName}`. Secrets are never written in it: "
            + "fields ending in `File` name a file that holds the secret, read from the environment "
            + "file's folder.",
        ConfigurationSchemas.Environment.Document);
}
