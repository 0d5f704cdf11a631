using Fediversity.Configuration.Environment;
using Fediversity.Configurator;

namespace Fediversity.Cli.Hosting;

/// <summary>Reads the secrets the configurator needs from the files a hosting environment names.</summary>
public static class EnvironmentSecretFiles
{
    public static EnvironmentSecrets Read(HostingEnvironment environment) =>
        environment.Mail?.PasswordFile is { } file
            ? new EnvironmentSecrets(new SecretFileReader(environment).Read(file, "$.mail.passwordFile"))
            : EnvironmentSecrets.None;
}
