using Fediversity.Sandbox;
using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Sandbox.Services;

public sealed class SandboxHypervisorTests : IDisposable
{
    private static readonly TimeSpan CloneTime = TimeSpan.FromSeconds(30);

    private readonly TestSandbox sandbox = new(SandboxLatency.None with { CloneVm = CloneTime });

    private SandboxHypervisor Hypervisor => sandbox.World.Hypervisor;

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public void Configure_WhileCloning_IsRefusedAsLocked()
    {
        var vm = Hypervisor.BeginClone("acme-vm", 2, 2048, 20, []);

        var error = Assert.Throws<SandboxException>(() => Hypervisor.Configure(vm.VmId, 4, 4096, 40));

        Assert.Contains("locked", error.Message, StringComparison.Ordinal);
        Assert.False(Hypervisor.IsIdle(vm.VmId));
        Assert.Equal("cloning", Hypervisor.Get(vm.VmId)?.Status);
    }

    [Fact]
    public void Configure_AfterTheCloneTaskEnds_Succeeds()
    {
        var vm = Hypervisor.BeginClone("acme-vm", 2, 2048, 20, []);
        sandbox.Time.Advance(CloneTime);

        var configured = Hypervisor.Configure(vm.VmId, 4, 4096, 40);

        Assert.Equal((4, 4096, 40, "stopped"), (configured.Cores, configured.MemoryMiB, configured.DiskGiB, configured.Status));
        Assert.True(Hypervisor.IsIdle(vm.VmId));
    }

    [Fact]
    public async Task WaitIdleAsync_DuringClone_EndsWhenTheCloneDoes()
    {
        var vm = Hypervisor.BeginClone("acme-vm", 2, 2048, 20, []);

        var wait = Hypervisor.WaitIdleAsync(vm.VmId, TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);
        sandbox.Time.Advance(CloneTime);

        await wait;
        Assert.True(Hypervisor.IsIdle(vm.VmId));
    }

    [Fact]
    public void Configure_SmallerDisk_IsRefused()
    {
        var vm = Hypervisor.BeginClone("acme-vm", 2, 2048, 40, []);
        sandbox.Time.Advance(CloneTime);

        Assert.Throws<SandboxException>(() => Hypervisor.Configure(vm.VmId, 2, 2048, 20));
    }

    [Fact]
    public void BeginClone_NameTaken_IsRefused()
    {
        Hypervisor.BeginClone("acme-vm", 2, 2048, 20, []);

        Assert.Throws<SandboxException>(() => Hypervisor.BeginClone("acme-vm", 2, 2048, 20, []));
        Assert.Single(Hypervisor.List());
    }

    [Fact]
    public async Task BeginClone_ManyAtOnce_AllocatesDistinctIds()
    {
        using var start = new ManualResetEventSlim();
        var clones = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() =>
            {
                start.Wait(TestContext.Current.CancellationToken);
                return Hypervisor.BeginClone($"vm-{i}", 1, 1024, 10, []).VmId;
            }, TestContext.Current.CancellationToken))
            .ToArray();
        start.Set();

        var ids = await Task.WhenAll(clones);

        Assert.Equal(Enumerable.Range(100, 8), ids.Order());
        Assert.Equal(8, Hypervisor.List().Count);
    }

    [Fact]
    public void Destroy_MachineAlreadyGone_ReturnsFalse()
    {
        var vm = Hypervisor.BeginClone("acme-vm", 2, 2048, 20, []);

        Assert.True(Hypervisor.Destroy(vm.VmId));
        Assert.False(Hypervisor.Destroy(vm.VmId));
        Assert.Null(Hypervisor.FindByName("acme-vm"));
    }
}
