using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.State;
using Fediversity.Providers;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Orchestrator.Permits;

/// <summary>
/// The state store's permits, on every database it runs on: two stores over one database or one folder stand for
/// two processes, and between them never hold more of a slot set than it has slots.
/// </summary>
public abstract class PermitsTests : IAsyncLifetime
{
    private TestStore test = null!;
    private StateStore other = null!;

    protected abstract StoreKind Kind { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        test = await TestStore.OpenAsync(Kind, GetType(), Token);
        other = await test.OpenAgainAsync(TimeProvider.System, Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Acquire_ManyHoldersOverTwoStores_NeverMoreThanTheSlotsAtOnce()
    {
        const int slots = 3;
        var (holding, most, done) = (0, 0, 0);
        var stores = new[] { test.Store, other };

        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using (await stores[i % 2].Permits.AcquireAsync("test/node-1/clones", slots, Token))
            {
                var now = Interlocked.Increment(ref holding);
                InterlockedMax(ref most, now);
                await Task.Delay(TimeSpan.FromMilliseconds(20), Token);
                Interlocked.Decrement(ref holding);
            }

            Interlocked.Increment(ref done);
        }));

        Assert.Equal(24, done);
        Assert.InRange(most, 1, slots);
    }

    [Fact]
    public async Task Acquire_EverySlotHeldByAnotherStore_WaitsUntilOneIsReleased()
    {
        var first = await test.Store.Permits.AcquireAsync("test/node-1/clones", 2, Token);
        await using var second = await test.Store.Permits.AcquireAsync("test/node-1/clones", 2, Token);

        var waiting = other.Permits.AcquireAsync("test/node-1/clones", 2, Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        Assert.False(waiting.IsCompleted, "a third holder got in while both slots were held");

        await using (await other.Permits.AcquireAsync("test/node-2/clones", 2, Token))
        {
            // Another node's slots are free all along.
        }

        await first.DisposeAsync();
        await using var third = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Token);
    }

    [Fact]
    public async Task SandboxClones_TwoRunnersOverOneStoreAndSandbox_NeverOverlapMoreThanClonesPerNode()
    {
        using var folder = new TempDirectory();
        var latency = SandboxLatency.None with { CloneVm = TimeSpan.FromMilliseconds(150) };
        var runners = new[] { test.Store, other }.Select(store =>
        {
            var world = new SandboxWorld(folder.Path, latency, TimeProvider.System,
                new SandboxCloneLimit(2, store.Permits));
            return (World: world, Runner: new DeploymentRunner(store,
                new ProviderRegistry([.. SandboxProviders.For(world), .. LocalProviders.All()]), TimeProvider.System));
        }).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => runners[i % 2].Runner.ApplyAsync(
            new ApplyRequest(Machines($"op{i}", 3), "test", _ => true) { Holder = LeaseHolder.Current() },
            new CollectingSink(), Token)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var hypervisor = runners[0].World.Hypervisor;
        Assert.Equal(12, hypervisor.List().Count);
        Assert.InRange(hypervisor.MostClonesAtOnce(), 1, 2);
    }

    private static ResourceGraph Machines(string deployment, int count) => ResourceGraph.Create(deployment,
    [
        .. Enumerable.Range(0, count).Select(i => Desired($"{deployment}/vm{i}", VirtualMachineKind.Kind,
            (VirtualMachineKind.Name, ResourceValue.Of($"{deployment}-{i}")),
            (VirtualMachineKind.Cores, ResourceValue.Of(1)),
            (VirtualMachineKind.MemoryMiB, ResourceValue.Of(1024)),
            (VirtualMachineKind.DiskGiB, ResourceValue.Of(10)))),
    ]);

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var before && before != seen)
        {
            seen = before;
        }
    }
}
