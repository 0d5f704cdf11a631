using Fediversity.Resources.Providers;
using Fediversity.Sandbox.Providers;

namespace Fediversity.Sandbox;

/// <summary>The sandbox's providers, one per kind of remote resource.</summary>
public static class SandboxProviders
{
    public static IEnumerable<ResourceProvider> For(SandboxWorld world) =>
    [
        new SandboxVmProvider(world.Hypervisor),
        new SandboxDnsZoneProvider(world.Dns),
        new SandboxDnsRecordProvider(world.Dns),
        new SandboxBucketProvider(world.ObjectStore),
        new SandboxAccessKeyProvider(world.ObjectStore),
        new SandboxGrantProvider(world.ObjectStore),
        new SandboxExistingBucketProvider(world.ObjectStore),
        new SandboxNixosHostProvider(world.Hypervisor, world.Machines),
        new SandboxAdminAccountProvider(world.Machines),
    ];
}
