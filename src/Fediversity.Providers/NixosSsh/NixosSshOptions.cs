namespace Fediversity.Providers.NixosSsh;

/// <summary>How Fediversity reaches and switches the NixOS machines it deploys to.</summary>
/// <param name="User">The account the deploy key signs in as; it must be root or allowed to switch.</param>
/// <param name="SwitchTimeout">How long one <c>nixos-rebuild switch</c> may take before it counts as failed.</param>
public sealed record NixosSshOptions(string User, TimeSpan SwitchTimeout)
{
    /// <summary>Root, half an hour per switch, SSH on port 22.</summary>
    public static NixosSshOptions Default { get; } = new("root", TimeSpan.FromMinutes(30));

    /// <summary>The SSH port of every machine.</summary>
    public int Port { get; init; } = 22;

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
}
