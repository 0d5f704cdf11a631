using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>A range of IPv4 addresses handed out to machines.</summary>
public sealed record AddressPool
{
    [Description("The network, as CIDR, for example 192.0.2.0/24.")]
    [MinLength(1)]
    public required string Cidr { get; init; }

    [Description("The first address to hand out.")]
    [MinLength(1)]
    public required string First { get; init; }

    [Description("The last address to hand out.")]
    [MinLength(1)]
    public required string Last { get; init; }

    [Description("The default gateway.")]
    [MinLength(1)]
    public required string Gateway { get; init; }
}
