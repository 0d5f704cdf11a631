using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox;
using Fediversity.Sandbox.Providers;
using Fediversity.Sandbox.Services;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Sandbox.Providers;

public sealed class SandboxVmProviderTests : IDisposable
{
    private static readonly TimeSpan CloneTime = TimeSpan.FromSeconds(30);

    private readonly TestSandbox sandbox = new(SandboxLatency.None with { CloneVm = CloneTime });
    private readonly SandboxVmProvider provider;

    public SandboxVmProviderTests() => provider = new SandboxVmProvider(sandbox.World.Hypervisor);

    private SandboxHypervisor Hypervisor => sandbox.World.Hypervisor;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => sandbox.Dispose();

    private static ResourceRequest VmRequest(long cores = 2, long disk = 40, RecordingReporter? reporter = null) =>
        Request("acme/vm", ValueMaps.Of(
            (VirtualMachineKind.Name, ResourceValue.Of("acme-mastodon")),
            (VirtualMachineKind.Cores, ResourceValue.Of(cores)),
            (VirtualMachineKind.MemoryMiB, ResourceValue.Of(4096)),
            (VirtualMachineKind.DiskGiB, ResourceValue.Of(disk)),
            (VirtualMachineKind.SshKeys, ResourceValue.ListOf("ecdsa-sha2-nistp256 AAAA fedi"))), reporter);

    private async Task<System.Collections.Immutable.ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request)
    {
        var create = provider.CreateAsync(request, Token);
        sandbox.Time.Advance(CloneTime);
        return await create;
    }

    [Fact]
    public async Task CreateAsync_DuringTheClone_WaitsForItThenConfiguresAndStarts()
    {
        var create = provider.CreateAsync(VmRequest(cores: 4, disk: 60), Token);

        var cloning = Assert.Single(Hypervisor.List());
        Assert.False(create.IsCompleted);
        Assert.Throws<SandboxException>(() => Hypervisor.Configure(cloning.VmId, 4, 4096, 60));

        sandbox.Time.Advance(CloneTime);
        var outputs = await create;

        var vm = Hypervisor.Get(cloning.VmId)!;
        Assert.Equal(("running", 4, 60), (vm.Status, vm.Cores, vm.DiskGiB));
        Assert.Equal(ResourceValue.Of(vm.VmId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            outputs[VirtualMachineKind.VmId]);
        Assert.Equal(ResourceValue.Of(vm.Ipv4), outputs[VirtualMachineKind.Ipv4]);
        Assert.Equal(ResourceValue.Of(vm.HostKey), outputs[VirtualMachineKind.HostKey]);
        Assert.Equal(["ecdsa-sha2-nistp256 AAAA fedi"], vm.SshKeys);
    }

    [Fact]
    public async Task CreateAsync_MachineLeftByAnInterruptedRun_TakesItOver()
    {
        var left = Hypervisor.BeginClone("acme-mastodon", 1, 1024, 20, []);
        var reporter = new RecordingReporter();

        var outputs = await CreateAsync(VmRequest(reporter: reporter));

        Assert.Single(Hypervisor.List());
        Assert.Equal(ResourceValue.Of(left.VmId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            outputs[VirtualMachineKind.VmId]);
        Assert.Equal(2, Hypervisor.Get(left.VmId)!.Cores);
        Assert.Contains(reporter.Lines, l => l.Contains("earlier run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_Twice_MakesOneMachine()
    {
        var first = await CreateAsync(VmRequest());

        var second = await CreateAsync(VmRequest());

        Assert.Equal(first, second);
        Assert.Single(Hypervisor.List());
    }

    [Fact]
    public async Task UpdateAsync_MoreCores_ResizesTheSameMachine()
    {
        var outputs = await CreateAsync(VmRequest(cores: 2));

        var updated = await provider.UpdateAsync(
            VmRequest(cores: 8, disk: 80) with { PriorOutputs = outputs }, Token);

        Assert.Equal(outputs, updated);
        var vm = Assert.Single(Hypervisor.List());
        Assert.Equal((8, 80, "running"), (vm.Cores, vm.DiskGiB, vm.Status));
    }

    [Fact]
    public async Task UpdateAsync_MachineGone_ThrowsProviderException()
    {
        var outputs = await CreateAsync(VmRequest());
        Hypervisor.Destroy(Assert.Single(Hypervisor.List()).VmId);

        await Assert.ThrowsAsync<ProviderException>(() =>
            provider.UpdateAsync(VmRequest() with { PriorOutputs = outputs }, Token));
    }

    [Fact]
    public async Task DeleteAsync_MachineAlreadyGone_Succeeds()
    {
        var request = VmRequest();
        var outputs = await CreateAsync(request);
        var record = RecordOf(request, VirtualMachineKind.Kind, outputs);
        await provider.DeleteAsync(record, new RecordingReporter(), Token);
        var reporter = new RecordingReporter();

        await provider.DeleteAsync(record, reporter, Token);

        Assert.Empty(Hypervisor.List());
        Assert.Contains(reporter.Lines, l => l.Contains("already gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_MachineResizedOutsideFediversity_ShowsTheDrift()
    {
        var request = VmRequest(cores: 2);
        var outputs = await CreateAsync(request);
        var vm = Assert.Single(Hypervisor.List());
        Hypervisor.Configure(vm.VmId, 6, 4096, 40);

        var reading = await provider.ReadAsync(RecordOf(request, VirtualMachineKind.Kind, outputs), Token);

        Assert.Equal(ResourceValue.Of(6), reading?.Inputs[VirtualMachineKind.Cores]);
    }

    [Fact]
    public void CheckChange_DiskShrinks_SaysItCannot()
    {
        var problems = provider.CheckChange(VmRequest(disk: 40).Inputs, VmRequest(disk: 20).Inputs);

        Assert.Contains("cannot shrink", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(provider.CheckChange(VmRequest(disk: 40).Inputs, VmRequest(disk: 41).Inputs));
    }
}
