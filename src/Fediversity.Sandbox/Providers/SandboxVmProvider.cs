using System.Collections.Immutable;
using System.Globalization;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Services;

namespace Fediversity.Sandbox.Providers;

/// <summary>Virtual machines on the stand-in hypervisor: clone, wait for the clone, size, start.</summary>
public sealed class SandboxVmProvider(SandboxHypervisor hypervisor) : ResourceProvider
{
    public override string Kind => VirtualMachineKind.Kind;

    public override ResourceSchema Schema { get; } = new(
        [VirtualMachineKind.Name],
        DestroyLosesData: true,
        ImmutableDictionary<string, string>.Empty
            .Add(VirtualMachineKind.Cores, "restarts the machine")
            .Add(VirtualMachineKind.MemoryMiB, "restarts the machine"));

    public override IEnumerable<string> CheckChange(
        IReadOnlyDictionary<string, ResourceValue> prior, IReadOnlyDictionary<string, ResourceValue> desired)
    {
        if (prior.GetValueOrDefault(VirtualMachineKind.DiskGiB) is NumberValue before &&
            desired.GetValueOrDefault(VirtualMachineKind.DiskGiB) is NumberValue after &&
            after.Number < before.Number)
        {
            yield return $"the disk cannot shrink from {before.Number} GiB to {after.Number} GiB; " +
                "choose a size whose disk is at least as large";
        }
    }

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var name = request.Text(VirtualMachineKind.Name);
        var vm = hypervisor.FindByName(name);
        if (vm is null)
        {
            vm = await CloneAsync(request, name, cancellationToken);
        }
        else
        {
            request.Reporter.Report($"found machine '{name}' (id {vm.VmId}) from an earlier run");
            await hypervisor.WaitIdleAsync(vm.VmId, cancellationToken);
        }

        hypervisor.Configure(vm.VmId, Cores(request), Memory(request), Disk(request));
        request.Reporter.Report($"starting machine {vm.VmId}");
        vm = await hypervisor.StartAsync(vm.VmId, cancellationToken);
        return OutputsOf(vm);
    }

    /// <summary>Clones the template while holding one of the hypervisor's clone slots, as a real provider does.</summary>
    private async Task<SandboxVm> CloneAsync(ResourceRequest request, string name, CancellationToken cancellationToken)
    {
        await using var slot = await hypervisor.CloneSlotAsync(cancellationToken);
        request.Reporter.Report($"cloning the template into '{name}'");
        var vm = hypervisor.BeginClone(name, Cores(request), Memory(request), Disk(request), Keys(request));
        await hypervisor.WaitIdleAsync(vm.VmId, cancellationToken);
        return vm;
    }

    public override async Task<ImmutableSortedDictionary<string, ResourceValue>> UpdateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var vmId = VmId(request.PriorOutputs);
        await hypervisor.WaitIdleAsync(vmId, cancellationToken);
        request.Reporter.Report($"resizing machine {vmId}");
        var vm = hypervisor.Get(vmId) is null
            ? throw new ProviderException($"machine {vmId} is gone; run 'fedi refresh' and apply again to recreate it")
            : hypervisor.Configure(vmId, Cores(request), Memory(request), Disk(request));
        return OutputsOf(await hypervisor.StartAsync(vm.VmId, cancellationToken));
    }

    public override Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken)
    {
        var vmId = VmId(record.Outputs);
        reporter.Report(hypervisor.Destroy(vmId) ? $"destroyed machine {vmId}" : $"machine {vmId} was already gone");
        return Task.CompletedTask;
    }

    public override Task<ResourceReading?> ReadAsync(ResourceRecord record, CancellationToken cancellationToken)
    {
        if (hypervisor.Get(VmId(record.Outputs)) is not { } vm)
        {
            return Task.FromResult<ResourceReading?>(null);
        }

        var inputs = record.Inputs
            .SetItem(VirtualMachineKind.Cores, ResourceValue.Of(vm.Cores))
            .SetItem(VirtualMachineKind.MemoryMiB, ResourceValue.Of(vm.MemoryMiB))
            .SetItem(VirtualMachineKind.DiskGiB, ResourceValue.Of(vm.DiskGiB));
        return Task.FromResult<ResourceReading?>(new ResourceReading(inputs, OutputsOf(vm)));
    }

    private static ImmutableSortedDictionary<string, ResourceValue> OutputsOf(SandboxVm vm) => Outputs.Of(
        (VirtualMachineKind.VmId, ResourceValue.Of(vm.VmId.ToString(CultureInfo.InvariantCulture))),
        (VirtualMachineKind.Ipv4, ResourceValue.Of(vm.Ipv4)),
        (VirtualMachineKind.HostKey, ResourceValue.Of(vm.HostKey)));

    private static int VmId(IReadOnlyDictionary<string, ResourceValue> outputs) =>
        outputs.GetValueOrDefault(VirtualMachineKind.VmId) is TextValue t
            ? int.Parse(t.Text, CultureInfo.InvariantCulture)
            : throw new ProviderException("the recorded machine has no id; its state is damaged");

    private static int Cores(ResourceRequest r) => (int)r.Number(VirtualMachineKind.Cores);

    private static int Memory(ResourceRequest r) => (int)r.Number(VirtualMachineKind.MemoryMiB);

    private static int Disk(ResourceRequest r) => (int)r.Number(VirtualMachineKind.DiskGiB);

    private static string[] Keys(ResourceRequest r) => r.Inputs.GetValueOrDefault(VirtualMachineKind.SshKeys) is ListValue l
        ? [.. l.Items.OfType<TextValue>().Select(t => t.Text)]
        : [];
}
