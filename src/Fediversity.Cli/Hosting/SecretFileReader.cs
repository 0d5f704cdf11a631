using Fediversity.Configuration.Environment;
using Fediversity.Resources;

namespace Fediversity.Cli.Hosting;

/// <summary>Reads the secret files a hosting environment names, relative to the environment file.</summary>
internal sealed class SecretFileReader(HostingEnvironment environment)
{
    public Secret Read(string file, string field)
    {
        var path = Path.GetFullPath(file, environment.BaseDirectory);
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"environment: {field}: cannot read '{path}' ({e.Message}); check the path, " +
                "which is relative to the environment file.");
        }

        return text.Length == 0
            ? throw new CliException($"environment: {field}: the file '{path}' is empty; put the secret in it.")
            : new Secret(text);
    }
}
