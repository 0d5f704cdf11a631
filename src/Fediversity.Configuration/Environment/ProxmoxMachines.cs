using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Environment;

/// <summary>Virtual machines cloned from a template on a Proxmox VE cluster.</summary>
[Description("Virtual machines cloned from a NixOS template on a Proxmox VE cluster.")]
public sealed record ProxmoxMachines : MachineSource
{
    [Description("The API address, for example https://pve.example.net:8006.")]
    public required Uri Endpoint { get; init; }

    [Description("The API token id, USER@REALM!TOKENID.")]
    [RegularExpression(ConfigurationPatterns.ProxmoxTokenId)]
    public required string TokenId { get; init; }

    [Description("A file that holds the API token's secret.")]
    [MinLength(1)]
    public required string TokenSecretFile { get; init; }

    [Description("The node the machines run on.")]
    [MinLength(1)]
    public required string Node { get; init; }

    [Description("The id of the NixOS template to clone.")]
    [Range(100, 999_999_999)]
    public required int Template { get; init; }

    [Description("The storage pool the machines' disks live on, for example a Linstor-backed shared pool.")]
    [MinLength(1)]
    public required string StoragePool { get; init; }

    [Description("The network bridge the machines attach to.")]
    [MinLength(1)]
    public required string Bridge { get; init; }

    [Description("Static IPv4 addresses for the machines; DHCP when absent.")]
    public AddressPool? Addresses { get; init; }

    [Description("The name servers the machines use.")]
    public IReadOnlyList<string> Nameservers { get; init; } = [];

    [Description("How many clones may run on one node at once.")]
    [Range(1, int.MaxValue)]
    public int ClonesPerNode { get; init; } = 2;
}
