using Fediversity.Providers.NixosSsh.Ssh;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.NixosSsh;

/// <summary>The providers that work on NixOS machines over SSH: <c>nixos-host</c> and <c>admin-account</c>.</summary>
public static class NixosSshProviders
{
    /// <summary>
    /// Both providers, sharing what they learn of each machine: the admin-account kind carries no keys, so
    /// its provider signs in with those its machine's NixOS host used in the same run.
    /// </summary>
    /// <exception cref="ArgumentException">The bootstrap key is not an unencrypted private key.</exception>
    public static IReadOnlyList<ResourceProvider> For(NixosSshOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.BootstrapKey is { } bootstrap)
        {
            SshConnection.CheckPrivateKey(bootstrap, nameof(options));
        }

        var machines = new KnownMachines();
        return
        [
            new NixosSshHostProvider(options, timeProvider, machines),
            new NixosSshAdminAccountProvider(options, timeProvider, machines),
        ];
    }
}
