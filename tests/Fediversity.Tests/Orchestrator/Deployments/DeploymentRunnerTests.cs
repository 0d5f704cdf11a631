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

    private static ResourceGraph Fleet(string deployment, long cores = 2, bool withRecord = true)
    {
        var zone = $"{deployment}.example.";
        List<DesiredResource> resources =
        [
            Desired($"{deployment}/ssh-key", SshKeyKind.Kind,
                (SshKeyKind.Comment, ResourceValue.Of($"fedi@{deployment}"))),
            Desired($"{deployment}/vm", VirtualMachineKind.Kind,
                (VirtualMachineKind.Name, ResourceValue.Of($"{deployment}-mastodon")),
                (VirtualMachineKind.Cores, ResourceValue.Of(cores)),
                (VirtualMachineKind.MemoryMiB, ResourceValue.Of(4096)),
                (VirtualMachineKind.DiskGiB, ResourceValue.Of(40)),
                (VirtualMachineKind.SshKeys, ResourceValue.ListOf(Ref($"{deployment}/ssh-key", SshKeyKind.PublicKey)))),
            Desired($"{deployment}/zone", DnsZoneKind.Kind, (DnsZoneKind.Zone, ResourceValue.Of(zone))),
        ];
        if (withRecord)
        {
            resources.Add(Desired($"{deployment}/dns/www", DnsRecordKind.Kind,
                    (DnsRecordKind.Zone, ResourceValue.Of(zone)),
                    (DnsRecordKind.Name, ResourceValue.Of("www." + zone)),
                    (DnsRecordKind.Type, ResourceValue.Of("A")),
                    (DnsRecordKind.Ttl, ResourceValue.Of(300)),
                    (DnsRecordKind.Records, ResourceValue.ListOf(Ref($"{deployment}/vm", VirtualMachineKind.Ipv4))))
                .WithDependsOn($"{deployment}/zone"));
        }

        return ResourceGraph.Create(deployment, resources);
    }

    /// <summary>Applies three deployments, so that a fleet plan has neighbours to confuse a change with.</summary>
    private async Task<string[]> ApplyFleetAsync()
    {
        string[] fleet = ["north", "south", "west"];
        foreach (var deployment in fleet)
        {
            Assert.True((await runner.ApplyAsync(Apply(Fleet(deployment)), sink, Token)).Succeeded);
        }

        return fleet;
    }

    /// <summary>
    /// Plans the graphs together and one by one, checks that both ways give the same steps, and returns the
    /// steps that change something, by deployment.
    /// </summary>
    private async Task<Dictionary<string, List<PlannedStep>>> PlanFleetAsync(params ResourceGraph[] graphs)
    {
        var together = await runner.PlanManyAsync(graphs, Token);

        Assert.Equal(graphs.Select(g => g.Deployment), together.Select(p => p.Deployment));
        for (var i = 0; i < graphs.Length; i++)
        {
            var alone = await runner.PlanAsync(graphs[i], Token);
            Assert.Equal(Describe(alone), Describe(together[i]));
        }

        return together.ToDictionary(p => p.Deployment, p => p.Steps.Where(s => s.Action != StepAction.NoOp).ToList());
    }

    private static List<string> Describe(Plan plan) =>
    [
        .. plan.Steps.Select(s => $"{s.Address} {s.Action} ({s.Reason}) " +
            string.Join("; ", s.Changes.Select(c => $"{c.Field}: {c.Before} -> {c.After}"))),
    ];

    [Fact]
    public async Task PlanManyAsync_NothingChanged_PlansNothingForEveryDeploymentAndAllForAnUnknownOne()
    {
        var fleet = await ApplyFleetAsync();

        var changes = await PlanFleetAsync([.. fleet.Select(d => Fleet(d)), Fleet("east")]);

        Assert.All(fleet, d => Assert.Empty(changes[d]));
        Assert.Equal(4, changes["east"].Count(s => s.Action == StepAction.Create));
    }

    [Fact]
    public async Task PlanManyAsync_ChangedInputOfOneDeployment_UpdatesOnlyThatResource()
    {
        var fleet = await ApplyFleetAsync();

        var changes = await PlanFleetAsync(Fleet(fleet[0]), Fleet(fleet[1], cores: 4), Fleet(fleet[2]));

        var step = Assert.Single(changes[fleet[1]]);
        Assert.Equal(("south/vm", StepAction.Update), (step.Address.Value, step.Action));
        Assert.Equal(("2", "4"), (Assert.Single(step.Changes).Before, step.Changes[0].After));
        Assert.Empty(changes[fleet[0]]);
        Assert.Empty(changes[fleet[2]]);
    }

    [Fact]
    public async Task PlanManyAsync_ChangedOutputOfADependency_UpdatesTheResourceThatUsesIt()
    {
        var fleet = await ApplyFleetAsync();
        var vm = (await test.Store.LoadAsync("west", Token)).Resources[Address("west/vm")];
        var moved = vm with { Outputs = vm.Outputs.SetItem(VirtualMachineKind.Ipv4, ResourceValue.Of("198.51.100.7")) };
        await test.Store.CompleteStepAsync("west", vm.Address, moved, Token);

        var changes = await PlanFleetAsync([.. fleet.Select(d => Fleet(d))]);

        var step = Assert.Single(changes["west"]);
        Assert.Equal(("west/dns/www", StepAction.Update), (step.Address.Value, step.Action));
        Assert.Contains("198.51.100.7", Assert.Single(step.Changes).After, StringComparison.Ordinal);
        Assert.Empty(changes["north"]);
        Assert.Empty(changes["south"]);
    }

    [Fact]
    public async Task PlanManyAsync_DriftedResources_AreRepairedWithTheirReason()
    {
        var fleet = await ApplyFleetAsync();
        var vm = (await test.Store.LoadAsync("north", Token)).Resources[Address("north/vm")];
        await test.Store.CompleteStepAsync("north", vm.Address,
            vm with { Inputs = vm.Inputs.SetItem(VirtualMachineKind.Cores, ResourceValue.Of(8)) }, Token);
        await test.Store.CompleteStepAsync("south", Address("south/zone"), null, Token);
        await test.Store.ReplaceDriftAsync("north",
            [new Fediversity.Orchestrator.Refresh.Drift("north/vm", VirtualMachineKind.Kind, false, [])], Token);
        await test.Store.ReplaceDriftAsync("south",
            [new Fediversity.Orchestrator.Refresh.Drift("south/zone", DnsZoneKind.Kind, true, [])], Token);

        var changes = await PlanFleetAsync([.. fleet.Select(d => Fleet(d))]);

        var changed = Assert.Single(changes["north"]);
        Assert.Equal(("north/vm", StepAction.Update), (changed.Address.Value, changed.Action));
        Assert.StartsWith("changed outside Fediversity", changed.Reason, StringComparison.Ordinal);
        var gone = Assert.Single(changes["south"]);
        Assert.Equal(("south/zone", StepAction.Create), (gone.Address.Value, gone.Action));
        Assert.Equal("removed outside Fediversity; made again", gone.Reason);
        Assert.Empty(changes["west"]);
    }

    [Fact]
    public async Task PlanManyAsync_InterruptedCreate_IsMadeAgainWithItsReason()
    {
        var fleet = await ApplyFleetAsync();
        await test.Store.CompleteStepAsync("west", Address("west/zone"), null, Token);
        var run = await test.Store.BeginRunAsync("west", "apply", "tests", "sandbox", Token);
        await test.Store.BeginStepAsync(run, "west", Address("west/zone"), "create", "west.example.", Token);

        var changes = await PlanFleetAsync([.. fleet.Select(d => Fleet(d))]);

        var step = Assert.Single(changes["west"]);
        Assert.Equal(("west/zone", StepAction.Create), (step.Address.Value, step.Action));
        Assert.Equal("an earlier run was interrupted while making it", step.Reason);
        Assert.Empty(changes["north"]);
        Assert.Empty(changes["south"]);
    }

    [Fact]
    public async Task PlanManyAsync_ResourceNoLongerConfigured_IsDeleted()
    {
        var fleet = await ApplyFleetAsync();

        var changes = await PlanFleetAsync(Fleet(fleet[0]), Fleet(fleet[1], withRecord: false), Fleet(fleet[2]));

        var step = Assert.Single(changes["south"]);
        Assert.Equal(("south/dns/www", StepAction.Delete), (step.Address.Value, step.Action));
        Assert.Empty(changes["north"]);
        Assert.Empty(changes["west"]);
    }

    [Fact]
    public async Task PlanManyAsync_SameDeploymentTwice_IsRefusedNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            runner.PlanManyAsync([Fleet("north"), Fleet("south"), Fleet("north", cores: 4)], Token));

        Assert.Contains("'north'", error.Message, StringComparison.Ordinal);
    }
}
