using Fediversity.Configuration.Environment;
using Fediversity.Configuration.Operator;
using Fediversity.Configuration.Validation;

namespace Fediversity.Cli.Hosting;

/// <summary>Reads the documents the commands take, turning every problem into one report.</summary>
public static class Inputs
{
    public const string SandboxName = "sandbox";

    public static OperatorConfiguration Operator(string path)
    {
        var result = ConfigurationLoader.LoadOperatorFile(path);
        return result.IsValid
            ? result.Value
            : throw Invalid($"{path} is not a valid operator configuration", result.Problems);
    }

    public static HostingEnvironment Environment(string? pathOrName)
    {
        if (string.IsNullOrEmpty(pathOrName) || pathOrName == SandboxName)
        {
            return HostingEnvironment.Sandbox;
        }

        var result = ConfigurationLoader.LoadEnvironmentFile(pathOrName);
        return result.IsValid
            ? result.Value
            : throw Invalid($"{pathOrName} is not a valid hosting environment", result.Problems);
    }

    private static CliException Invalid(string what, IReadOnlyList<ValidationProblem> problems) =>
        new($"{what} ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")}):", ExitCodes.InvalidInput,
            [.. problems.Select(p => $"{p.Path}: {p.Message}")]);
}
