using System.Net;
using System.Net.Sockets;
using Fediversity.Configuration.Environment;

namespace Fediversity.Configuration.Validation;

/// <summary>The checks on where machines come from.</summary>
internal static class MachineRules
{
    private const string Path = "$.machines";

    public static IEnumerable<ValidationProblem> Check(MachineSource machines, string folder) => machines switch
    {
        SandboxMachines sandbox =>
        [
            .. EnvironmentRules.AtLeast($"{Path}.cloneMs", sandbox.CloneMs, 0, "milliseconds"),
            .. EnvironmentRules.AtLeast($"{Path}.startMs", sandbox.StartMs, 0, "milliseconds"),
            .. EnvironmentRules.AtLeast($"{Path}.switchMs", sandbox.SwitchMs, 0, "milliseconds"),
            .. EnvironmentRules.AtLeast($"{Path}.clonesPerNode", sandbox.ClonesPerNode, 1, "clone"),
        ],
        ProxmoxMachines proxmox => Proxmox(proxmox, folder),
        StaticMachines hosts => Static(hosts),
        _ => [],
    };

    private static IEnumerable<ValidationProblem> Proxmox(ProxmoxMachines proxmox, string folder) =>
    [
        .. EnvironmentRules.WebAddress($"{Path}.endpoint", proxmox.Endpoint, "https://pve.example.net:8006"),
        .. EnvironmentRules.SecretFile(
            $"{Path}.tokenSecretFile", proxmox.TokenSecretFile, folder, "the Proxmox API token's secret"),
        .. EnvironmentRules.AtLeast($"{Path}.clonesPerNode", proxmox.ClonesPerNode, 1, "clone"),
        .. EnvironmentRules.AtLeast($"{Path}.template", proxmox.Template, 100, "(Proxmox ids start at 100)"),
        .. proxmox.Addresses is { } pool ? Addresses(pool) : [],
    ];

    private static IEnumerable<ValidationProblem> Addresses(AddressPool pool)
    {
        var path = $"{Path}.addresses";
        if (!IPNetwork.TryParse(pool.Cidr, out var network)
            || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            yield return new($"{path}.cidr", $"'{pool.Cidr}' is not an IPv4 network; write it as CIDR, "
                + "for example 192.0.2.0/24");
            yield break;
        }

        var first = Address($"{path}.first", pool.First, network, out var firstProblem);
        var last = Address($"{path}.last", pool.Last, network, out var lastProblem);
        Address($"{path}.gateway", pool.Gateway, network, out var gatewayProblem);

        foreach (var problem in new[] { firstProblem, lastProblem, gatewayProblem }.OfType<ValidationProblem>())
        {
            yield return problem;
        }

        if (first is not null && last is not null && Compare(first, last) > 0)
        {
            yield return new($"{path}.last", $"{pool.Last} comes before the first address {pool.First}; "
                + "swap them or correct one");
        }
    }

    private static IPAddress? Address(string path, string text, IPNetwork network, out ValidationProblem? problem)
    {
        problem = null;
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
        {
            problem = new(path, $"'{text}' is not an IPv4 address such as 192.0.2.10");
            return null;
        }

        if (!network.Contains(address))
        {
            problem = new(path, $"{text} is outside the network {network}");
            return null;
        }

        return address;
    }

    private static int Compare(IPAddress a, IPAddress b) =>
        a.GetAddressBytes().AsSpan().SequenceCompareTo(b.GetAddressBytes());

    private static IEnumerable<ValidationProblem> Static(StaticMachines machines)
    {
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < machines.Hosts.Count; i++)
        {
            var host = machines.Hosts[i];
            var path = DocumentPath.Index($"{Path}.hosts", i);

            if (names.TryGetValue(host.Name, out var first))
            {
                yield return new($"{path}.name", $"the name '{host.Name}' is already used by hosts[{first}]; "
                    + "give every machine its own name");
            }
            else
            {
                names.Add(host.Name, i);
            }

            if (SshHostKeys.Explain(host.HostKey) is { } key)
            {
                yield return new($"{path}.hostKey", key);
            }

            foreach (var problem in EnvironmentRules.Port($"{path}.port", host.Port))
            {
                yield return problem;
            }
        }
    }
}
