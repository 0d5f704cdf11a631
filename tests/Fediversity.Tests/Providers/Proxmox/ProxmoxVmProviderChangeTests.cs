using System.Collections.Immutable;
using System.Globalization;
using Fediversity.Orchestrator.Planning;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Providers.Proxmox;

public sealed class ProxmoxVmProviderChangeTests : IAsyncLifetime
{
    private ProxmoxTestContext context = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => context = await ProxmoxTestContext.StartAsync();

    public ValueTask DisposeAsync() => context.DisposeAsync();

    [Fact]
    public async Task Update_LargerTier_ChangesCoresAndMemoryRestartsAndGrowsTheDisk()
    {
        var provider = context.Provider();
        var record = await ProxmoxTestContext.CreateAsync(provider, context.Request("acme-mastodon", 2, 4096, 40));
        var vmId = context.Node.Find("acme-mastodon")!.VmId;
        var stopsBefore = Shutdowns();

        var outputs = await provider.UpdateAsync(
            context.Request("acme-mastodon", 4, 8192, 100, prior: record.Outputs), Ct);

        var vm = context.Node.Find("acme-mastodon")!;
        Assert.Equal((vmId, 4, 8192, 100L, "running"), (vm.VmId, vm.Cores, vm.MemoryMiB, vm.DiskGiB, vm.Status));
        Assert.Equal(stopsBefore + 1, Shutdowns());
        Assert.Equal(record.Outputs, outputs);
    }

    [Fact]
    public void Schema_CoresAndMemory_SayTheyRestart()
    {
        var schema = context.Provider().Schema;

        Assert.Equal("restarts the machine", schema.UpdateNotes[VirtualMachineKind.Cores]);
        Assert.Equal("restarts the machine", schema.UpdateNotes[VirtualMachineKind.MemoryMiB]);
    }

    [Fact]
    public async Task Plan_SmallerDisk_RefusedAtPlanTimeWithoutCallingProxmox()
    {
        var provider = context.Provider();
        var recorded = Recorded(ProxmoxTestContext.Inputs("acme-mastodon", 4, 8192, 100, Key));
        var desired = Desired(ProxmoxTestContext.Inputs("acme-mastodon", 2, 4096, 40, Key));

        var e = Assert.Throws<PlanException>(() => PlanOf(provider, recorded, desired));

        Assert.Contains(e.Problems, p => p.Contains("cannot shrink from 100 GiB to 40 GiB", StringComparison.Ordinal));
        Assert.Empty(context.Node.Calls);
    }

    [Theory]
    [InlineData(VirtualMachineKind.Template)]
    [InlineData(VirtualMachineKind.StoragePool)]
    public void Plan_TemplateOrPoolChanged_ReplacesAndSaysDataIsLost(string field)
    {
        var inputs = ProxmoxTestContext.Inputs("acme-mastodon", 2, 4096, 40, Key);
        var changed = inputs.SetItem(field, field == VirtualMachineKind.Template
            ? ResourceValue.Of(9001) : ResourceValue.Of("ceph-fast"));

        var plan = PlanOf(context.Provider(), Recorded(inputs), Desired(changed));

        var step = Assert.Single(plan.Steps);
        Assert.Equal(StepAction.Replace, step.Action);
        Assert.True(step.LosesData);
        Assert.Contains(step.Changes, c => c.Field == field && c.ForcesReplacement);
    }

    [Fact]
    public async Task Delete_RunningMachine_ShutsDownThenDestroys()
    {
        var provider = context.Provider();
        var record = await ProxmoxTestContext.CreateAsync(provider, context.Request("acme-mastodon"));

        await provider.DeleteAsync(record, context.Reporter, Ct);

        Assert.Empty(context.Node.Vms);
        Assert.Contains(context.Node.Calls, c => c.EndsWith("/status/shutdown", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Node.Calls, c => c.EndsWith("/status/stop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_GuestIgnoresShutdown_StoppedAfterTheTimeoutThenDestroyed()
    {
        var provider = context.Provider();
        var record = await ProxmoxTestContext.CreateAsync(provider, context.Request("acme-mastodon"));
        context.Node.Find("acme-mastodon")!.IgnoresShutdown = true;

        await provider.DeleteAsync(record, context.Reporter, Ct);

        Assert.Empty(context.Node.Vms);
        Assert.Contains(context.Node.Calls, c => c.EndsWith("/status/stop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_AlreadyGone_CountsAsDeleted()
    {
        var provider = context.Provider();
        var record = await ProxmoxTestContext.CreateAsync(provider, context.Request("acme-mastodon"));
        context.Node.DeleteOutside(VmIdOf(record));

        await provider.DeleteAsync(record, context.Reporter, Ct);

        Assert.Contains(context.Reporter.Lines, l => l.Contains("already gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_IdNowHeldByAnotherMachine_LeavesThatMachineAlone()
    {
        var provider = context.Provider();
        var record = await ProxmoxTestContext.CreateAsync(provider, context.Request("acme-mastodon"));
        var vmId = VmIdOf(record);
        context.Node.DeleteOutside(vmId);
        context.Node.AddForeign(vmId, "someone-elses-database");

        await provider.DeleteAsync(record, context.Reporter, Ct);

        Assert.Equal("someone-elses-database", Assert.Single(context.Node.Vms).Name);
    }

    [Fact]
    public async Task Read_DeletedOutside_IsGone()
    {
        var provider = context.Provider();
        var record = await ProxmoxTestContext.CreateAsync(provider, context.Request("acme-mastodon"));
        context.Node.DeleteOutside(context.Node.Find("acme-mastodon")!.VmId);

        Assert.Null(await provider.ReadAsync(record, Ct));
    }

    [Fact]
    public async Task Read_ResizedOutside_ShowsTheNewSize()
    {
        var provider = context.Provider();
        var record = await ProxmoxTestContext.CreateAsync(provider, context.Request("acme-mastodon", 2, 4096, 40));
        context.Node.ChangeOutside(context.Node.Find("acme-mastodon")!.VmId, 6, 12288);

        var reading = await provider.ReadAsync(record, Ct);

        Assert.NotNull(reading);
        Assert.Equal(ResourceValue.Of(6), reading.Inputs[VirtualMachineKind.Cores]);
        Assert.Equal(ResourceValue.Of(12288), reading.Inputs[VirtualMachineKind.MemoryMiB]);
        Assert.Equal(ResourceValue.Of(40), reading.Inputs[VirtualMachineKind.DiskGiB]);
    }

    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG+x/yZ9q+w/T0k5b3Jk deploy@acme";

    private const string Address = "operators/acme/mastodon/vm";

    private static ResourceRecord Recorded(ImmutableSortedDictionary<string, ResourceValue> inputs) =>
        TestResources.Recorded(Address, VirtualMachineKind.Kind, inputs,
            ValueMaps.Of((VirtualMachineKind.VmId, ResourceValue.Of("100"))));

    private static DesiredResource Desired(ImmutableSortedDictionary<string, ResourceValue> inputs) =>
        new(TestResources.Address(Address), VirtualMachineKind.Kind, inputs, []);

    private static Plan PlanOf(ResourceProvider provider, ResourceRecord recorded, DesiredResource desired) =>
        Planner.Plan(ResourceGraph.Create("acme", [desired]), States.Of("acme", recorded),
            new ProviderRegistry([provider]));

    private static int VmIdOf(ResourceRecord record) =>
        int.Parse(record.Output(VirtualMachineKind.VmId)!, CultureInfo.InvariantCulture);

    private int Shutdowns() =>
        context.Node.Calls.Count(c => c.EndsWith("/status/shutdown", StringComparison.Ordinal));
}
