using Fediversity.Resources.Providers;
using Fediversity.Sandbox.Providers;

namespace Fediversity.Sandbox;

/// <summary>The sandbox's providers, in the three groups an environment can take from the sandbox.</summary>
public static class SandboxProviders
{
    /// <summary>Stand-in machines: VMs, the configurations they switch to, and their admin accounts.</summary>
    public static IEnumerable<ResourceProvider> Machines(SandboxWorld world) =>
    [
        new SandboxVmProvider(world.Hypervisor),
        new SandboxNixosHostProvider(world.Hypervisor, world.Machines),
        new SandboxAdminAccountProvider(world.Machines),
    ];

    /// <summary>
    /// A folder per machine that receives its configuration, secret files and admin accounts, for machines
    /// made by a real provider that cannot be reached over SSH yet.
    /// </summary>
    public static IEnumerable<ResourceProvider> Folders(SandboxWorld world) =>
    [
        new SandboxNixosHostProvider(hypervisor: null, world.Machines),
        new SandboxAdminAccountProvider(world.Machines),
    ];

    /// <summary>The stand-in S3 store.</summary>
    public static IEnumerable<ResourceProvider> Storage(SandboxWorld world) =>
    [
        new SandboxBucketProvider(world.ObjectStore),
        new SandboxAccessKeyProvider(world.ObjectStore),
        new SandboxGrantProvider(world.ObjectStore),
        new SandboxExistingBucketProvider(world.ObjectStore),
    ];

    /// <summary>The stand-in DNS server.</summary>
    public static IEnumerable<ResourceProvider> Dns(SandboxWorld world) =>
    [
        new SandboxDnsZoneProvider(world.Dns),
        new SandboxDnsRecordProvider(world.Dns),
    ];

    /// <summary>Every stand-in: the whole built-in environment.</summary>
    public static IEnumerable<ResourceProvider> For(SandboxWorld world) =>
        [.. Machines(world), .. Storage(world), .. Dns(world)];
}
