using Fediversity.Orchestrator.Deployments;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.Planning;
using Fediversity.Providers;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Orchestrator.Deployments;

/// <summary>The runner on every database the state store runs on, each in a class of its own.</summary>
public abstract class DeploymentRunnerTests : IAsyncLifetime
{
    private const string Deployment = "acme";
    private const string Zone = "acme.example.";

    private readonly TestSandbox sandbox = new();
    private readonly CollectingSink sink = new();
    private TestStore test = null!;
    private DeploymentRunner runner = null!;

    protected abstract StoreKind Kind { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        test = await TestStore.OpenAsync(Kind, GetType(), Token);
        var providers = new ProviderRegistry([.. SandboxProviders.For(sandbox.World), .. LocalProviders.All()]);
        runner = new DeploymentRunner(test.Store, providers, test.Time);
    }

    public async ValueTask DisposeAsync()
    {
        if (test is not null)
        {
            await test.DisposeAsync();
        }

        sandbox.Dispose();
        GC.SuppressFinalize(this);
    }

    private static ResourceGraph Mastodon(long cores = 2) => ResourceGraph.Create(Deployment,
    [
        Desired("acme/ssh-key", SshKeyKind.Kind, (SshKeyKind.Comment, ResourceValue.Of("fedi@acme"))),
        Desired("acme/vm", VirtualMachineKind.Kind,
            (VirtualMachineKind.Name, ResourceValue.Of("acme-mastodon")),
            (VirtualMachineKind.Cores, ResourceValue.Of(cores)),
            (VirtualMachineKind.MemoryMiB, ResourceValue.Of(4096)),
            (VirtualMachineKind.DiskGiB, ResourceValue.Of(40)),
            (VirtualMachineKind.SshKeys, ResourceValue.ListOf(Ref("acme/ssh-key", SshKeyKind.PublicKey)))),
        Desired("acme/zone", DnsZoneKind.Kind, (DnsZoneKind.Zone, ResourceValue.Of(Zone))),
        Desired("acme/dns/www", DnsRecordKind.Kind,
            (DnsRecordKind.Zone, ResourceValue.Of(Zone)),
            (DnsRecordKind.Name, ResourceValue.Of("www." + Zone)),
            (DnsRecordKind.Type, ResourceValue.Of("A")),
            (DnsRecordKind.Ttl, ResourceValue.Of(300)),
            (DnsRecordKind.Records, ResourceValue.ListOf(Ref("acme/vm", VirtualMachineKind.Ipv4))))
            .WithDependsOn("acme/zone"),
    ]);

    private static ApplyRequest Apply(ResourceGraph desired, bool confirm = true, string holder = "tests") =>
        new(desired, "sandbox", _ => confirm) { Holder = new LeaseHolder(holder, "another-machine", 1) };

    [Fact]
    public async Task ApplyAsync_SandboxDeployment_MakesEverythingWiredTogether()
    {
        var result = await runner.ApplyAsync(Apply(Mastodon()), sink, Token);

        Assert.True(result.Succeeded, string.Join("; ", sink.OfType<StepFailedEvent>().Select(e => e.Error)));
        var vm = Assert.Single(sandbox.World.Hypervisor.List());
        var state = await test.Store.LoadAsync(Deployment, Token);
        var publicKey = ((TextValue)state.Resources[Address("acme/ssh-key")].Outputs[SshKeyKind.PublicKey]).Text;
        Assert.Equal([publicKey], vm.SshKeys);
        Assert.Equal([vm.Ipv4], sandbox.World.Dns.Get(Zone, "www." + Zone, "A")?.Records);
        Assert.Equal("active", Assert.Single(await test.Store.ListDeploymentsAsync(Token)).Status);
        Assert.Equal("succeeded", (await test.Store.LastRunAsync(Deployment, Token))?.Outcome);
    }

    [Fact]
    public async Task ApplyAsync_SecondTimeUnchanged_PlansNoChangesAndAsksNothing()
    {
        await runner.ApplyAsync(Apply(Mastodon()), sink, Token);
        var asked = false;

        var result = await runner.ApplyAsync(new ApplyRequest(Mastodon(), "sandbox", _ => asked = true), sink, Token);

        Assert.False(result.Plan.HasChanges);
        Assert.False(asked);
        Assert.Equal(4, result.Summary?.Unchanged);
        Assert.Single(sandbox.World.Hypervisor.List());
    }

    [Fact]
    public async Task ApplyAsync_MoreCores_UpdatesOnlyTheVm()
    {
        await runner.ApplyAsync(Apply(Mastodon(cores: 2)), sink, Token);

        var result = await runner.ApplyAsync(Apply(Mastodon(cores: 4)), sink, Token);

        var step = Assert.Single(result.Plan.Steps, s => s.Action != StepAction.NoOp);
        Assert.Equal(("acme/vm", StepAction.Update), (step.Address.Value, step.Action));
        Assert.Equal(4, Assert.Single(sandbox.World.Hypervisor.List()).Cores);
    }

    [Fact]
    public async Task ApplyAsync_Declined_ChangesNothing()
    {
        var result = await runner.ApplyAsync(Apply(Mastodon(), confirm: false), sink, Token);

        Assert.True(result.Declined);
        Assert.Empty(sandbox.World.Hypervisor.List());
        Assert.Empty((await test.Store.LoadAsync(Deployment, Token)).Resources);
        Assert.Null(await test.Store.LastRunAsync(Deployment, Token));
    }

    [Fact]
    public async Task ApplyAsync_AnotherRunHoldsTheLease_ThrowsNamingItAndTouchesNothing()
    {
        await using var held = await DeploymentLease.AcquireAsync(
            test.Store, Deployment, new LeaseHolder("alice@panel (pid 7)", "another-machine", 7), TimeSpan.FromMinutes(1), Token);

        var error = await Assert.ThrowsAsync<DeploymentLockedException>(() =>
            runner.ApplyAsync(Apply(Mastodon(), holder: "bob@cli"), sink, Token));

        Assert.Equal("alice@panel (pid 7)", error.Holder);
        Assert.Empty(sandbox.World.Hypervisor.List());
    }

    [Fact]
    public async Task ApplyAsync_Finished_ReleasesTheLease()
    {
        await runner.ApplyAsync(Apply(Mastodon(), holder: "first"), sink, Token);

        await using var next = await DeploymentLease.AcquireAsync(
            test.Store, Deployment, new LeaseHolder("second", "another-machine", 2), TimeSpan.FromMinutes(1), Token);

        Assert.Equal("second", next.Holder);
    }

    [Fact]
    public async Task ApplyAsync_EmptyGraph_DestroysTheDeployment()
    {
        await runner.ApplyAsync(Apply(Mastodon()), sink, Token);

        var result = await runner.ApplyAsync(
            Apply(ResourceGraph.Create(Deployment, [])) with { Command = "destroy" }, sink, Token);

        Assert.True(result.Succeeded);
        Assert.Equal(4, result.Summary?.Deleted);
        Assert.Empty(sandbox.World.Hypervisor.List());
        Assert.Empty(sandbox.World.Dns.Zones());
        Assert.Empty(await test.Store.ListDeploymentsAsync(Token));
    }
}
