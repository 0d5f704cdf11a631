using System.Net;
using System.Net.Sockets;

namespace Fediversity.Providers.Proxmox;

/// <summary>A range of IPv4 addresses handed out to machines, with the network's prefix and gateway.</summary>
/// <param name="Cidr">The network, for example <c>192.0.2.0/24</c>.</param>
/// <param name="First">The first address to hand out.</param>
/// <param name="Last">The last address to hand out.</param>
/// <param name="Gateway">The default gateway.</param>
public sealed record ProxmoxAddressPool(string Cidr, string First, string Last, string Gateway)
{
    /// <summary>The network's prefix length, for example 24.</summary>
    public int PrefixLength => IPNetwork.Parse(Cidr).PrefixLength;

    /// <summary>Every address of the range, in order.</summary>
    public IEnumerable<IPAddress> Addresses()
    {
        var first = ToNumber(IPAddress.Parse(First));
        var last = ToNumber(IPAddress.Parse(Last));
        for (var n = first; n <= last; n++)
        {
            yield return FromNumber(n);
        }
    }

    /// <summary>The <c>ipconfig0</c> value that gives a machine <paramref name="address"/>.</summary>
    public string IpConfig(IPAddress address) => $"ip={address}/{PrefixLength},gw={Gateway}";

    private static uint ToNumber(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        }

        var bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }

    private static IPAddress FromNumber(uint n) =>
        new([(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
}
