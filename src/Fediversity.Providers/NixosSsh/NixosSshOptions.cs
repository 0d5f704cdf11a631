using System.Collections.Immutable;
using Fediversity.Resources;

namespace Fediversity.Providers.NixosSsh;

/// <summary>How Fediversity reaches and switches the NixOS machines it deploys to.</summary>
/// <param name="User">The account the deploy key signs in as; it must be root or allowed to switch.</param>
/// <param name="SwitchTimeout">How long one <c>nixos-rebuild switch</c> may take before it counts as failed.</param>
public sealed record NixosSshOptions(string User, TimeSpan SwitchTimeout)
{
    /// <summary>Root, half an hour per switch, SSH on port 22.</summary>
    public static NixosSshOptions Default { get; } = new("root", TimeSpan.FromMinutes(30));

    /// <summary>The SSH port of every machine not listed in <see cref="Ports"/>.</summary>
    public int Port { get; init; } = 22;

    /// <summary>Machines whose SSH server listens on another port than <see cref="Port"/>, by address.</summary>
    public ImmutableDictionary<string, int> Ports { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>
    /// A key that machines let in before their first deployment (the hosting provider's, installed with a
    /// pre-deployed machine), tried when the operator's deploy key is refused. The first switch makes the
    /// deploy key the only one the machine lets in, so this key only ever serves a first contact.
    /// </summary>
    public Secret? BootstrapKey { get; init; }

    /// <summary>How long opening one SSH connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one short remote command may take.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a running switch is looked at.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a dropped connection is retried before the step fails.</summary>
    public TimeSpan ReconnectTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How long after a switch the application may take to come up and answer.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The SSH port of the machine at <paramref name="address"/>.</summary>
    public int PortOf(string address) => Ports.GetValueOrDefault(address, Port);
}
