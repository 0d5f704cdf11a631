using Fediversity.Configuration.Environment;
using Fediversity.Configurator;
using Fediversity.Resources;

namespace Fediversity.Cli.Hosting;

/// <summary>Reads the secrets a hosting environment names by file.</summary>
public static class EnvironmentSecretFiles
{
    public static EnvironmentSecrets Read(HostingEnvironment environment)
    {
        if (environment.Mail?.PasswordFile is not { } file)
        {
            return EnvironmentSecrets.None;
        }

        var path = Path.GetFullPath(file, environment.BaseDirectory);
        try
        {
            var password = File.ReadAllText(path).TrimEnd('\r', '\n');
            return password.Length == 0
                ? throw new CliException($"environment: $.mail.passwordFile: the file '{path}' is empty; put the " +
                    "mail relay password in it")
                : new EnvironmentSecrets(new Secret(password));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"environment: $.mail.passwordFile: cannot read '{path}' ({e.Message}); check " +
                "the path, which is relative to the environment file");
        }
    }
}
