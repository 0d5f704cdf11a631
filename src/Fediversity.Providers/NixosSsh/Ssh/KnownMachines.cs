using System.Collections.Concurrent;
using Fediversity.Resources;

namespace Fediversity.Providers.NixosSsh.Ssh;

/// <summary>
/// The machines this process has signed in to, by address, with their pinned key and deploy key. The
/// admin-account kind carries neither key, so its provider signs in with what the machine's NixOS host
/// resource used in this run.
/// </summary>
internal sealed class KnownMachines
{
    private readonly ConcurrentDictionary<string, SshTarget> byAddress = new(StringComparer.Ordinal);

    public void Remember(SshTarget target) => byAddress[target.Address] = target;

    public SshTarget? Find(string address) => byAddress.GetValueOrDefault(address);

    /// <summary>A target from a host key and deploy key, when both are at hand.</summary>
    public static SshTarget? From(string hostName, string address, string? hostKey, Secret? privateKey) =>
        hostKey is null || privateKey is null
            ? null
            : new SshTarget(hostName, address, PinnedHostKey.Parse(hostKey), privateKey);
}
