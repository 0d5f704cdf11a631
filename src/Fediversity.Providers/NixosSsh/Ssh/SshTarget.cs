using Fediversity.Resources;

namespace Fediversity.Providers.NixosSsh.Ssh;

/// <summary>One machine to sign in to: where it is, the key it must present, and the key to sign in with.</summary>
/// <param name="HostName">The machine's name, for messages.</param>
/// <param name="Address">The only address connected to.</param>
/// <param name="HostKey">The host key the machine must present.</param>
/// <param name="PrivateKey">The deploy key, PEM.</param>
internal sealed record SshTarget(string HostName, string Address, PinnedHostKey HostKey, Secret PrivateKey);
