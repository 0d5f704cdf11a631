using Fediversity.Providers.Local;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers;

/// <summary>Providers whose resources are made on this machine: keys and passwords.</summary>
public static class LocalProviders
{
    public static IEnumerable<ResourceProvider> All() => [new SshKeyProvider(), new PasswordProvider()];
}
