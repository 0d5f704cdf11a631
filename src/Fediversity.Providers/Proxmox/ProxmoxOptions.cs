using Fediversity.Resources;

namespace Fediversity.Providers.Proxmox;

/// <summary>Where a Proxmox VE cluster is, how to sign in, and how its machines are made.</summary>
/// <param name="Endpoint">The API address, for example <c>https://pve.example.net:8006</c>.</param>
/// <param name="TokenId">The API token id, <c>USER@REALM!TOKENID</c>.</param>
/// <param name="TokenSecret">The API token's secret.</param>
/// <param name="Node">The node the machines are cloned onto and run on.</param>
/// <param name="Template">The id of the template every machine is a full clone of.</param>
/// <param name="StoragePool">The storage pool the clones' disks are written to.</param>
/// <param name="Bridge">The network bridge the machines' first network card attaches to.</param>
/// <param name="Addresses">Static IPv4 addresses to hand out; DHCP when <c>null</c>.</param>
/// <param name="Nameservers">The name servers the machines are given through cloud-init.</param>
public sealed record ProxmoxOptions(
    Uri Endpoint,
    string TokenId,
    Secret TokenSecret,
    string Node,
    int Template,
    string StoragePool,
    string Bridge,
    ProxmoxAddressPool? Addresses,
    IReadOnlyList<string> Nameservers)
{
    /// <summary>How many clones may run on the node at once.</summary>
    public int ClonesPerNode { get; init; } = 2;

    /// <summary>The user cloud-init makes and puts the SSH keys in.</summary>
    public string CloudInitUser { get; init; } = "root";

    /// <summary>Whether a new machine must answer SSH before it counts as made.</summary>
    public bool WaitForSsh { get; init; } = true;

    /// <summary>How long a new machine may take to answer SSH.</summary>
    public TimeSpan SshTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a started machine's guest agent may take to answer.</summary>
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a machine is given to shut down cleanly before it is stopped.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one task (a clone of a large disk, say) may run before it counts as failed.</summary>
    public TimeSpan TaskTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a running task, a booting agent or a closed SSH port is asked again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an operation refused because the machine's lock timed out is tried again.</summary>
    public int LockRetries { get; init; } = 6;

    /// <summary>The first pause before a lock timeout is tried again; it doubles each time.</summary>
    public TimeSpan LockRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one HTTP call may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
