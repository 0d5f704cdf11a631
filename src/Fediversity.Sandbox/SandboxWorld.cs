using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox;

/// <summary>
/// The built-in hosting environment's services, kept in one folder so that they survive between runs:
/// a hypervisor, an S3 store, a DNS server and the machines themselves.
/// </summary>
public sealed class SandboxWorld
{
    /// <param name="root">The folder the services keep their records in.</param>
    /// <param name="latency">How long the stand-in services take.</param>
    /// <param name="time">The clock of the stand-in tasks.</param>
    /// <param name="clones">How many clones may run at once, and where they are counted; no limit when null.</param>
    public SandboxWorld(string root, SandboxLatency latency, TimeProvider time, SandboxCloneLimit? clones = null)
    {
        Root = Directory.CreateDirectory(root).FullName;
        Hypervisor = new SandboxHypervisor(Root, latency, time, clones);
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
