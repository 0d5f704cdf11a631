using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox;

/// <summary>
/// The built-in hosting environment's services, kept in one folder so that they survive between runs:
/// a hypervisor, an S3 store, a DNS server and the machines themselves.
/// </summary>
public sealed class SandboxWorld
{
    public SandboxWorld(string root, SandboxLatency latency, TimeProvider time)
    {
        Root = Directory.CreateDirectory(root).FullName;
        Hypervisor = new SandboxHypervisor(Root, latency, time);
        ObjectStore = new SandboxObjectStore(Root, latency, time);
        Dns = new SandboxDnsServer(Root, latency, time);
        Machines = new SandboxMachines(Root, latency, time);
    }

    public string Root { get; }

    public SandboxHypervisor Hypervisor { get; }

    public SandboxObjectStore ObjectStore { get; }

    public SandboxDnsServer Dns { get; }

    public SandboxMachines Machines { get; }
}
