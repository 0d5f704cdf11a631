using Fediversity.Sandbox;
using Fediversity.Sandbox.Services;

namespace Fediversity.Tests.Cli;

/// <summary>What changes outside Fediversity is seen by a refresh, shown by status, and repaired by an apply.</summary>
public sealed class DriftTests : IDisposable
{
    private readonly Fedi fedi = new();

    [Fact]
    public async Task Refresh_AfterChangesByHand_ShowsEachAsDriftAndApplyRepairsThem()
    {
        var environment = fedi.SandboxEnvironment();
        var apply = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var world = new SandboxWorld(fedi.SandboxRoot, SandboxLatency.None, TimeProvider.System);
        await ChangeByHandAsync(world);

        var refresh = await fedi.RunWithStateAsync("refresh", "acme", "-e", environment);

        Assert.True(refresh.ExitCode == 0, refresh.ToString());
        Assert.Contains("operators/acme/mastodon/vm: changed outside Fediversity: cores 4 -> 1", refresh.Stdout,
            StringComparison.Ordinal);
        Assert.Contains("operators/acme/pixelfed/vm: gone", refresh.Stdout, StringComparison.Ordinal);
        Assert.Contains("operators/acme/peertube/s3-grant: gone", refresh.Stdout, StringComparison.Ordinal);
        Assert.Contains("operators/acme/mastodon/dns/social.acme.example./A: changed outside Fediversity: records",
            refresh.Stdout, StringComparison.Ordinal);

        var status = await fedi.RunWithStateAsync("status", "acme");
        Assert.Contains("! operators/acme/pixelfed/vm: gone", status.Stdout, StringComparison.Ordinal);

        var plan = await fedi.RunWithStateAsync("plan", "examples/operator.json", "-e", environment);
        Assert.Contains("~ operators/acme/mastodon/vm (vm): changed outside Fediversity: cores", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ operators/acme/pixelfed/vm (vm): removed outside Fediversity", plan.Stdout, StringComparison.Ordinal);

        var repair = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        Assert.True(repair.ExitCode == 0, repair.ToString());

        var mastodon = world.Hypervisor.FindByName("acme-mastodon")!;
        Assert.Equal(4, mastodon.Cores);
        Assert.NotNull(world.Hypervisor.FindByName("acme-pixelfed"));
        var grant = world.ObjectStore.FindBucket("acme-peertube-media")!.Keys.Values.Single();
        Assert.True(grant.Read && grant.Write);
        var record = world.Dns.Get("acme.example.", "social.acme.example.", "A")!;
        Assert.Equal([mastodon.Ipv4], record.Records);

        var again = await fedi.RunWithStateAsync("refresh", "acme", "-e", environment);
        Assert.Contains("No drift", again.Stdout, StringComparison.Ordinal);
        var quiet = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        Assert.Equal(0, quiet.Summary().GetProperty("created").GetInt32() + quiet.Summary().GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task RefreshTwice_DriftFoundByTheFirst_StaysUntilAnApplyRepairsIt()
    {
        var environment = fedi.SandboxEnvironment();
        await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        var world = new SandboxWorld(fedi.SandboxRoot, SandboxLatency.None, TimeProvider.System);
        world.Hypervisor.Destroy(world.Hypervisor.FindByName("acme-pixelfed")!.VmId);

        await fedi.RunWithStateAsync("refresh", "acme", "-e", environment);
        var second = await fedi.RunWithStateAsync("refresh", "acme", "-e", environment);
        var status = await fedi.RunWithStateAsync("status", "acme");

        Assert.Contains("No drift", second.Stdout, StringComparison.Ordinal);
        Assert.Contains("! operators/acme/pixelfed/vm: gone", status.Stdout, StringComparison.Ordinal);
        await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        var repaired = await fedi.RunWithStateAsync("status", "acme");
        Assert.DoesNotContain("! operators/acme/pixelfed/vm", repaired.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyWithRefresh_VmDeletedByHand_IsMadeAgain()
    {
        var environment = fedi.SandboxEnvironment();
        await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--json");
        var world = new SandboxWorld(fedi.SandboxRoot, SandboxLatency.None, TimeProvider.System);
        world.Hypervisor.Destroy(world.Hypervisor.FindByName("acme-peertube")!.VmId);

        var run = await fedi.RunWithStateAsync("apply", "examples/operator.json", "-e", environment, "--yes", "--refresh");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("operators/acme/peertube/vm: gone", run.Stdout, StringComparison.Ordinal);
        Assert.NotNull(world.Hypervisor.FindByName("acme-peertube"));
        Assert.NotNull(world.Machines.ReadConfiguration("acme-peertube"));
    }

    private static async Task ChangeByHandAsync(SandboxWorld world)
    {
        var mastodon = world.Hypervisor.FindByName("acme-mastodon")!;
        world.Hypervisor.Configure(mastodon.VmId, 1, mastodon.MemoryMiB, mastodon.DiskGiB);

        world.Hypervisor.Destroy(world.Hypervisor.FindByName("acme-pixelfed")!.VmId);

        var bucket = world.ObjectStore.FindBucket("acme-peertube-media")!;
        await world.ObjectStore.SetPermissionsAsync(bucket.Id, bucket.Keys.Keys.Single(),
            new SandboxPermissions(false, false, false), CancellationToken.None);

        await world.Dns.ReplaceAsync("acme.example.",
            new SandboxRecordSet("social.acme.example.", "A", 300, ["203.0.113.9"]), CancellationToken.None);
    }

    public void Dispose() => fedi.Dispose();
}
