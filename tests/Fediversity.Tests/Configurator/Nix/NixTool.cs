using System.Diagnostics;

namespace Fediversity.Tests.Configurator.Nix;

/// <summary>Runs <c>nix-instantiate</c> on rendered text. A machine without it fails the test, since the
/// check that every rendering parses must not silently go away.</summary>
internal static class NixTool
{
    private const string Program = "nix-instantiate";

    /// <summary>Parses the text; returns the parser's complaint, or <see langword="null"/> when it parses.</summary>
    public static string? ParseError(string nixText)
    {
        var result = Run(nixText, "--parse");
        return result.ExitCode == 0 ? null : result.Error;
    }

    /// <summary>Calls the module with empty arguments and prints one attribute of its result as JSON.</summary>
    public static string EvaluateJson(string moduleText, string attributePath)
    {
        var expression = "(import ./configuration.nix { config = { }; pkgs = { }; lib = { }; })." + attributePath;
        var result = Run(moduleText, "--eval", "--strict", "--json", "--expr", expression);
        Assert.True(result.ExitCode == 0, $"nix-instantiate could not evaluate {attributePath}: {result.Error}");
        return result.Output.Trim();
    }

    private static (int ExitCode, string Output, string Error) Run(string nixText, params string[] arguments)
    {
        var executable = FindOnPath()
            ?? throw new Xunit.Sdk.XunitException(
                "nix-instantiate is not on PATH. Install it with tests/setup/install-nix-tools.sh, then run the "
                + "tests again.");

        var folder = Directory.CreateTempSubdirectory("fedi-nix-");
        try
        {
            var file = Path.Combine(folder.FullName, "configuration.nix");
            File.WriteAllText(file, nixText);

            var start = new ProcessStartInfo(executable)
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("--option");
            start.ArgumentList.Add("build-users-group");
            start.ArgumentList.Add(string.Empty);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            if (arguments[0] == "--parse")
            {
                start.ArgumentList.Add(file);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string? FindOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, Program))
            .FirstOrDefault(File.Exists);
    }
}
