using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Environment;

/// <summary>Where an operator's machines come from.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SandboxMachines), "sandbox")]
[JsonDerivedType(typeof(ProxmoxMachines), "proxmox")]
[JsonDerivedType(typeof(StaticMachines), "static")]
public abstract record MachineSource;

/// <summary>In-process stand-in machines whose configurations are written into a folder.</summary>
[Description("Stand-in machines inside Fediversity itself; each machine is a folder that receives its configuration.")]
public sealed record SandboxMachines : MachineSource
{
    [Description("How long a stand-in clone takes, in milliseconds.")]
    public int CloneMs { get; init; } = 2000;

    [Description("How long a stand-in machine takes to boot, in milliseconds.")]
    public int StartMs { get; init; } = 1000;

    [Description("How long switching a stand-in machine to its configuration takes, in milliseconds.")]
    public int SwitchMs { get; init; } = 1500;
}

/// <summary>Virtual machines cloned from a template on a Proxmox VE cluster.</summary>
[Description("Virtual machines cloned from a NixOS template on a Proxmox VE cluster.")]
public sealed record ProxmoxMachines : MachineSource
{
    [Description("The API address, for example https://pve.example.net:8006.")]
    public required Uri Endpoint { get; init; }

    [Description("The API token id, USER@REALM!TOKENID.")]
    public required string TokenId { get; init; }

    [Description("A file that holds the API token's secret.")]
    public required string TokenSecretFile { get; init; }

    [Description("The node the machines run on.")]
    public required string Node { get; init; }

    [Description("The id of the NixOS template to clone.")]
    public required int Template { get; init; }

    [Description("The storage pool the machines' disks live on, for example a Linstor-backed shared pool.")]
    public required string StoragePool { get; init; }

    [Description("The network bridge the machines attach to.")]
    public required string Bridge { get; init; }

    [Description("Static IPv4 addresses for the machines; DHCP when absent.")]
    public AddressPool? Addresses { get; init; }

    [Description("The name servers the machines use.")]
    public IReadOnlyList<string> Nameservers { get; init; } = [];

    [Description("How many clones may run on one node at once.")]
    public int ClonesPerNode { get; init; } = 2;
}

/// <summary>A range of IPv4 addresses handed out to machines.</summary>
public sealed record AddressPool
{
    [Description("The network, as CIDR, for example 192.0.2.0/24.")]
    public required string Cidr { get; init; }

    [Description("The first address to hand out.")]
    public required string First { get; init; }

    [Description("The last address to hand out.")]
    public required string Last { get; init; }

    [Description("The default gateway.")]
    public required string Gateway { get; init; }
}

/// <summary>Machines that already exist and run NixOS, listed by the hosting provider.</summary>
[Description("Machines that already run NixOS, each assigned to one operator's application.")]
public sealed record StaticMachines : MachineSource
{
    [Description("The machines.")]
    public required IReadOnlyList<StaticMachine> Hosts { get; init; }
}

/// <summary>One pre-deployed machine.</summary>
public sealed record StaticMachine
{
    [Description("The machine's host name.")]
    public required string Name { get; init; }

    [Description("The address Fediversity reaches it at over SSH.")]
    public required string Address { get; init; }

    [Description("The SSH port.")]
    public int Port { get; init; } = 22;

    [Description("The machine's SSH host key, as in known_hosts: 'ssh-ed25519 AAAA...'. Fediversity refuses a host whose key differs.")]
    public required string HostKey { get; init; }

    [Description("The operator whose application runs here.")]
    public required string Operator { get; init; }

    [Description("The application that runs here.")]
    public required Operator.ApplicationName Application { get; init; }
}
