using Fediversity.Resources;

namespace Fediversity.Configurator;

/// <summary>Secrets of the hosting environment, read from the files it names by whoever calls the configurator.</summary>
/// <param name="SmtpPassword">The mail relay password, when the relay wants one.</param>
public sealed record EnvironmentSecrets(Secret? SmtpPassword)
{
    public static EnvironmentSecrets None { get; } = new(SmtpPassword: null);
}
