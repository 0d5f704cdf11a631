using Fediversity.Sandbox;

namespace Fediversity.Tests.Cli;

/// <summary>What the sandbox's own services hold, read straight from their folder.</summary>
internal sealed record SandboxRecords(
    IReadOnlyList<string> VmNames,
    IReadOnlyList<string> BucketAliases,
    IReadOnlyList<string> KeyNames,
    IReadOnlyList<string> Zones,
    IReadOnlyList<string> RecordSets,
    IReadOnlyList<string> MachineFolders)
{
    public static SandboxRecords Read(string sandboxRoot)
    {
        var world = new SandboxWorld(sandboxRoot, SandboxLatency.None, TimeProvider.System);
        var zones = world.Dns.Zones().Select(z => z.Name).ToList();
        return new SandboxRecords(
            [.. world.Hypervisor.List().Select(v => v.Name)],
            [.. world.ObjectStore.Buckets().Select(b => b.Alias)],
            [.. world.ObjectStore.Keys().Select(k => k.Name)],
            zones,
            [.. zones.SelectMany(z => world.Dns.RecordSets(z)).Select(r => $"{r.Name} {r.Type}")],
            [.. Directory.EnumerateDirectories(world.Machines.Root).Select(Path.GetFileName).OfType<string>()]);
    }

    public int Count => VmNames.Count + BucketAliases.Count + KeyNames.Count + Zones.Count + RecordSets.Count +
        MachineFolders.Count;
}
