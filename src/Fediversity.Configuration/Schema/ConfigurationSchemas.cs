using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;

namespace Fediversity.Configuration.Schema;

/// <summary>
/// The JSON Schemas of the two configuration documents, generated from the models. The repository
/// publishes them under <c>schema/</c>; a test keeps those files equal to what is generated here.
/// </summary>
public static class ConfigurationSchemas
{
    /// <summary>The file name the operator configuration's schema is published under.</summary>
    public const string OperatorFileName = "operator-configuration.schema.json";

    /// <summary>The file name the hosting environment's schema is published under.</summary>
    public const string EnvironmentFileName = "hosting-environment.schema.json";

    private static readonly Lazy<CompiledSchema> OperatorSchema = new(() => CompiledSchema.Of(
        typeof(OperatorConfiguration), "Fediversity operator configuration", OperatorFileName));

    private static readonly Lazy<CompiledSchema> EnvironmentSchema = new(() => CompiledSchema.Of(
        typeof(HostingEnvironment), "Fediversity hosting environment", EnvironmentFileName));

    /// <summary>The operator configuration's schema, as published.</summary>
    public static string OperatorText => OperatorSchema.Value.Text;

    /// <summary>The hosting environment's schema, as published.</summary>
    public static string EnvironmentText => EnvironmentSchema.Value.Text;

    internal static CompiledSchema Operator => OperatorSchema.Value;

    internal static CompiledSchema Environment => EnvironmentSchema.Value;
}
