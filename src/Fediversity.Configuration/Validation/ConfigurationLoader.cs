using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Validation;

/// <summary>
/// Loads and checks configuration documents. Every problem in a document is reported at once, each
/// with the JSON path of the field it is about and what to do.
/// </summary>
public static class ConfigurationLoader
{
    /// <summary>Loads an operator configuration from its JSON text.</summary>
    public static LoadResult<OperatorConfiguration> LoadOperator(string json) =>
        DocumentReader.Read<OperatorConfiguration>(
            json,
            ConfigurationSchemas.Operator,
            OperatorConfiguration.CurrentVersion,
            complete: model => model,
            OperatorRules.Check);

    /// <summary>Loads an operator configuration from a file.</summary>
    public static LoadResult<OperatorConfiguration> LoadOperatorFile(string path) =>
        ReadFile(path, out var json) is { } problem
            ? LoadResult<OperatorConfiguration>.Failure([problem])
            : LoadOperator(json);

    /// <summary>
    /// Loads a hosting environment from its JSON text. Relative paths in it, such as secret files,
    /// are read from <paramref name="baseDirectory"/>.
    /// </summary>
    public static LoadResult<HostingEnvironment> LoadEnvironment(string json, string baseDirectory)
    {
        var folder = Path.GetFullPath(baseDirectory);
        return DocumentReader.Read<HostingEnvironment>(
            json,
            ConfigurationSchemas.Environment,
            HostingEnvironment.CurrentVersion,
            complete: model => model with { BaseDirectory = folder },
            EnvironmentRules.Check);
    }

    /// <summary>Loads a hosting environment from a file; relative paths in it are read from its folder.</summary>
    public static LoadResult<HostingEnvironment> LoadEnvironmentFile(string path) =>
        ReadFile(path, out var json) is { } problem
            ? LoadResult<HostingEnvironment>.Failure([problem])
            : LoadEnvironment(json, Path.GetDirectoryName(Path.GetFullPath(path))!);

    private static ValidationProblem? ReadFile(string path, out string json)
    {
        try
        {
            json = File.ReadAllText(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            json = "";
            return new(DocumentPath.Root, $"cannot read the file '{path}': {e.Message}");
        }
    }
}
