using System.Globalization;
using Fediversity.Orchestrator.Permits;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Tests.TestSupport;

namespace Fediversity.Tests.Providers.Proxmox;

public sealed class ProxmoxVmProviderCreateTests : IAsyncLifetime
{
    private ProxmoxTestContext context = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => context = await ProxmoxTestContext.StartAsync();

    public ValueTask DisposeAsync() => context.DisposeAsync();

    [Fact]
    public async Task Create_NewMachine_FullCloneOnPoolSizedStartedWithPinnedHostKey()
    {
        var request = context.Request("acme-mastodon", 4, 8192, 100);

        var record = await ProxmoxTestContext.CreateAsync(context.Provider(), request);

        var vm = Assert.Single(context.Node.Vms);
        Assert.Equal("acme-mastodon", vm.Name);
        Assert.Equal((4, 8192, 100L), (vm.Cores, vm.MemoryMiB, vm.DiskGiB));
        Assert.Equal("linstor-shared", vm.DiskStorage);
        Assert.Equal("running", vm.Status);
        Assert.Null(vm.Lock);
        Assert.Equal("root", vm.Config["ciuser"]);
        Assert.Equal("ip=192.0.2.10/24,gw=192.0.2.1", vm.Config["ipconfig0"]);
        Assert.Equal("192.0.2.53", vm.Config["nameserver"]);
        Assert.StartsWith("virtio,bridge=vmbr1", vm.Config["net0"], StringComparison.Ordinal);
        Assert.Equal(vm.VmId.ToString(CultureInfo.InvariantCulture), record.Output(VirtualMachineKind.VmId));
        Assert.Equal("192.0.2.10", record.Output(VirtualMachineKind.Ipv4));
        Assert.Equal(vm.HostKey, record.Output(VirtualMachineKind.HostKey));
        Assert.Equal(["192.0.2.10"], context.SshProbed);
    }

    [Fact]
    public async Task Create_KeyWithCardnoComment_ReachesTheMachineIntact()
    {
        const string key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7+k/x+y/Zz0= cardno:000609769932";

        await ProxmoxTestContext.CreateAsync(context.Provider(), context.Request("acme-mastodon", key: key));

        Assert.Equal([key], context.Node.Find("acme-mastodon")!.SshKeys);
    }

    [Fact]
    public async Task Create_ThreeMachinesFromOneTemplateAtOnce_EachGetsItsOwnIdAndAddress()
    {
        var provider = context.Provider();
        string[] names = ["acme-mastodon", "acme-pixelfed", "acme-peertube"];

        var records = await Task.WhenAll(
            names.Select(n => ProxmoxTestContext.CreateAsync(provider, context.Request(n))));

        Assert.Equal(names.Order(), context.Node.Vms.Select(v => v.Name).Order());
        Assert.Equal(3, records.Select(r => r.Output(VirtualMachineKind.VmId)).Distinct().Count());
        Assert.Equal(3, records.Select(r => r.Output(VirtualMachineKind.Ipv4)).Distinct().Count());
        Assert.All(context.Node.Vms, vm => Assert.Equal(("running", 40L), (vm.Status, vm.DiskGiB)));
    }

    [Fact]
    public async Task Create_MoreClonesThanTheTemplateLockAllows_LockTimeoutsRetried()
    {
        context.Node.ParallelClonesPerTemplate = 1;
        var provider = context.Provider(context.Options with { ClonesPerNode = 3 });
        string[] names = ["acme-mastodon", "acme-pixelfed", "acme-peertube"];

        await Task.WhenAll(names.Select(n => ProxmoxTestContext.CreateAsync(provider, context.Request(n))));

        Assert.Equal(names.Order(), context.Node.Vms.Select(v => v.Name).Order());
        Assert.True(context.Node.Calls.Count(c => c.EndsWith("/clone", StringComparison.Ordinal)) > 3,
            "some clones should have timed out on the template's lock and been made again");
    }

    [Fact]
    public async Task Create_ClonesPerNodeOne_ClonesOneAfterTheOther()
    {
        context.Node.ParallelClonesPerTemplate = 1;
        var provider = context.Provider(context.Options with { ClonesPerNode = 1, LockRetries = 0 });
        string[] names = ["acme-mastodon", "acme-pixelfed", "acme-peertube"];

        await Task.WhenAll(names.Select(n => ProxmoxTestContext.CreateAsync(provider, context.Request(n))));

        Assert.Equal(3, context.Node.Calls.Count(c => c.EndsWith("/clone", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Create_TwoProcessesSharingOneStateFolder_KeepToClonesPerNodeAndNeverShareAnAddress()
    {
        using var state = new TempDirectory();
        context.Node.ParallelClonesPerTemplate = 1;
        var options = context.Options with { ClonesPerNode = 1, LockRetries = 0 };
        var processes = new[]
        {
            context.Provider(options, new FilePermits(state.Path)),
            context.Provider(options, new FilePermits(state.Path)),
        };
        string[] names = ["acme-mastodon", "acme-pixelfed", "acme-peertube", "bravo-mastodon", "bravo-pixelfed"];

        var records = await Task.WhenAll(names.Select((n, i) =>
            ProxmoxTestContext.CreateAsync(processes[i % 2], context.Request(n))));

        Assert.Equal(names.Length, context.Node.Calls.Count(c => c.EndsWith("/clone", StringComparison.Ordinal)));
        Assert.Equal(names.Length, records.Select(r => r.Output(VirtualMachineKind.Ipv4)).Distinct().Count());
    }

    [Fact]
    public async Task Create_CloneTaskFailsInsideAnOkAnswer_FailsWithTheTasksExitStatus()
    {
        context.Node.ParallelClonesPerTemplate = 1;
        var provider = context.Provider(context.Options with { ClonesPerNode = 2, LockRetries = 0 });

        string[] names = ["acme-mastodon", "acme-pixelfed"];

        var results = await Task.WhenAll(names.Select(async n =>
        {
            try
            {
                await provider.CreateAsync(context.Request(n), Ct);
                return null;
            }
            catch (ProviderException e)
            {
                return e.Message;
            }
        }));

        var failure = Assert.Single(results, r => r is not null);
        Assert.Contains("could not clone template 9000", failure, StringComparison.Ordinal);
        Assert.Contains("got timeout", failure, StringComparison.Ordinal);
        Assert.Single(context.Node.Vms);
    }

    [Fact]
    public async Task Create_ConfigLockTimesOut_TriedAgainWithBackoff()
    {
        context.Node.ConfigLockTimeouts = 2;

        await ProxmoxTestContext.CreateAsync(context.Provider(), context.Request("acme-mastodon"));

        Assert.Equal("running", context.Node.Find("acme-mastodon")!.Status);
        Assert.Equal(3, context.Node.Calls.Count(c => c.StartsWith("POST", StringComparison.Ordinal) &&
            c.EndsWith("/config", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Create_LockTimeoutsOutlastTheRetries_FailsNamingTheLock()
    {
        context.Node.ConfigLockTimeouts = 10;

        var e = await Assert.ThrowsAsync<Fediversity.Providers.Proxmox.ProxmoxApiException>(() =>
            context.Provider(context.Options with { LockRetries = 2 })
                .CreateAsync(context.Request("acme-mastodon"), Ct));

        Assert.Contains("got timeout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhileAnEarlierCloneStillRuns_WaitsForItThenConfiguresIt()
    {
        context.Node.CloneDuration = TimeSpan.FromMilliseconds(800);
        context.Node.Clone(9000, new Dictionary<string, string>
        {
            ["newid"] = "150", ["name"] = "acme-mastodon", ["full"] = "1", ["storage"] = "linstor-shared",
        });

        var record = await ProxmoxTestContext.CreateAsync(context.Provider(), context.Request("acme-mastodon"));

        var vm = Assert.Single(context.Node.Vms);
        Assert.Equal(150, vm.VmId);
        Assert.Equal("150", record.Output(VirtualMachineKind.VmId));
        Assert.Equal(("running", 2), (vm.Status, vm.Cores));
        Assert.DoesNotContain(context.Node.Calls, c => c.EndsWith("/clone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_NextIdTakenBeforeTheClone_AsksForAnother()
    {
        context.Node.StolenNextIds = 1;

        var record = await ProxmoxTestContext.CreateAsync(context.Provider(), context.Request("acme-mastodon"));

        Assert.Equal("101", record.Output(VirtualMachineKind.VmId));
        Assert.Equal("someone-else-100", context.Node.Vms[0].Name);
    }

    [Fact]
    public async Task Create_WithoutAddressPool_UsesDhcpAndTheAgentsAddress()
    {
        var record = await ProxmoxTestContext.CreateAsync(
            context.Provider(context.Options with { Addresses = null }), context.Request("acme-mastodon"));

        var vm = context.Node.Find("acme-mastodon")!;
        Assert.Equal("ip=dhcp", vm.Config["ipconfig0"]);
        Assert.Equal(vm.DhcpAddress, record.Output(VirtualMachineKind.Ipv4));
        Assert.StartsWith("10.99.", vm.DhcpAddress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutSshWait_DoesNotProbe()
    {
        var provider = context.Provider(context.Options with { WaitForSsh = false });

        await ProxmoxTestContext.CreateAsync(provider, context.Request("acme-mastodon"));

        Assert.Empty(context.SshProbed);
    }

    [Fact]
    public async Task Create_SshNeverAnswers_FailsSayingSo()
    {
        var provider = Fediversity.Providers.Proxmox.ProxmoxProviders.For(
            context.Options with { SshTimeout = TimeSpan.FromMilliseconds(200) }, null, TimeProvider.System,
            (_, _) => Task.FromResult(false)).Single();

        var e = await Assert.ThrowsAnyAsync<ProviderException>(
            () => provider.CreateAsync(context.Request("acme-mastodon"), Ct));

        Assert.Contains("192.0.2.10 to answer SSH", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AfterAKilledRun_TakesTheMachineOverInsteadOfCloningAgain()
    {
        var first = await ProxmoxTestContext.CreateAsync(context.Provider(), context.Request("acme-mastodon"));

        var again = await ProxmoxTestContext.CreateAsync(context.Provider(), context.Request("acme-mastodon"));

        Assert.Single(context.Node.Vms);
        Assert.Equal(first.Outputs, again.Outputs);
        Assert.Single(context.Node.Calls, c => c.EndsWith("/clone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_WrongToken_FailsNamingTheTokenNotItsSecret()
    {
        var options = context.Options with { TokenSecret = new Fediversity.Resources.Secret("not-the-secret-0000") };

        var e = await Assert.ThrowsAnyAsync<ProviderException>(() =>
            context.Provider(options).CreateAsync(context.Request("acme-mastodon"), Ct));

        Assert.Contains("fediversity@pve!deploy", e.Message, StringComparison.Ordinal);
        Assert.Contains("tokenSecretFile", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", e.Message, StringComparison.Ordinal);
        Assert.Empty(context.Node.Calls);
    }
}
