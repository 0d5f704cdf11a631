using System.Text.Json;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Planning;
using Fediversity.Orchestrator.State;
using Fediversity.Resources;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Sandbox.Providers;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Orchestrator.Planning;

public sealed class PlannerTests : IDisposable
{
    private const string Deployment = "acme";
    private const string Clear = "clear-password-5d41402a";

    private readonly TestSandbox sandbox = new();
    private readonly ProviderRegistry providers;

    public PlannerTests()
    {
        providers = new ProviderRegistry(
        [
            new SandboxVmProvider(sandbox.World.Hypervisor),
            new SandboxBucketProvider(sandbox.World.ObjectStore),
            new SandboxDnsRecordProvider(sandbox.World.Dns),
            new RecordingProvider("app") { SchemaOverride = ResourceSchema.Default with
            {
                ReplaceOn = ["name"],
                UpdateNotes = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty
                    .Add("size", "restarts the app"),
            } },
        ]);
    }

    public void Dispose() => sandbox.Dispose();

    private static DesiredResource Vm(string address = "acme/vm", long disk = 40, long cores = 2) =>
        Desired(address, VirtualMachineKind.Kind,
            (VirtualMachineKind.Name, ResourceValue.Of("acme-mastodon")),
            (VirtualMachineKind.Cores, ResourceValue.Of(cores)),
            (VirtualMachineKind.MemoryMiB, ResourceValue.Of(4096)),
            (VirtualMachineKind.DiskGiB, ResourceValue.Of(disk)));

    private static readonly System.Collections.Immutable.ImmutableSortedDictionary<string, ResourceValue> VmOutputs =
        ValueMaps.Of((VirtualMachineKind.VmId, ResourceValue.Of("100")), (VirtualMachineKind.Ipv4, ResourceValue.Of("198.18.0.101")));

    private static DesiredResource Record(string address = "acme/dns/www") =>
        Desired(address, DnsRecordKind.Kind,
            (DnsRecordKind.Zone, ResourceValue.Of("acme.example.")),
            (DnsRecordKind.Name, ResourceValue.Of("www.acme.example.")),
            (DnsRecordKind.Type, ResourceValue.Of("A")),
            (DnsRecordKind.Ttl, ResourceValue.Of(300)),
            (DnsRecordKind.Records, ResourceValue.ListOf(Ref("acme/vm", VirtualMachineKind.Ipv4))));

    private static DesiredResource App(string name = "mastodon", long size = 1, string password = Clear) =>
        Desired("acme/app", "app",
            ("name", ResourceValue.Of(name)),
            ("size", ResourceValue.Of(size)),
            ("password", ResourceValue.Of(new Secret(password))));

    private Plan PlanOf(DeploymentState recorded, params DesiredResource[] desired) =>
        Planner.Plan(ResourceGraph.Create(Deployment, desired), recorded, providers);

    private static PlannedStep StepOf(Plan plan, string address) =>
        plan.Find(new ResourceAddress(address)) ?? throw new Xunit.Sdk.XunitException($"no step for {address}");

    [Fact]
    public void Plan_NothingRecorded_CreatesEveryResource()
    {
        var plan = PlanOf(States.Of(Deployment), Vm(), Record(), App());

        Assert.All(plan.Steps, s => Assert.Equal(StepAction.Create, s.Action));
        Assert.Equal(3, plan.Count(StepAction.Create));
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void Plan_NothingRecorded_StepsFollowDependencyOrder()
    {
        var plan = PlanOf(States.Of(Deployment), Record(), Vm());

        Assert.Equal(["acme/vm", "acme/dns/www"], plan.Steps.Select(s => s.Address.Value));
        Assert.Contains(new ResourceAddress("acme/vm"), StepOf(plan, "acme/dns/www").DependsOn);
    }

    [Fact]
    public void Plan_RecordedStateMatches_EveryStepIsNoOp()
    {
        var vm = Vm();
        var record = Record();
        var app = App();
        var recorded = States.Of(Deployment,
            RecordOf(vm, VmOutputs),
            RecordOf(record) with { Inputs = record.Inputs.SetItem(DnsRecordKind.Records, ResourceValue.ListOf("198.18.0.101")) },
            RecordOf(app));

        var plan = PlanOf(recorded, vm, record, app);

        Assert.All(plan.Steps, s => Assert.Equal(StepAction.NoOp, s.Action));
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Plan_InPlaceFieldChanged_UpdatesWithBeforeAndAfter()
    {
        var recorded = States.Of(Deployment, RecordOf(App(size: 1)));

        var step = StepOf(PlanOf(recorded, App(size: 3)), "acme/app");

        Assert.Equal(StepAction.Update, step.Action);
        var change = Assert.Single(step.Changes);
        Assert.Equal(new FieldChange("size", "1", "3", false, "restarts the app"), change);
        Assert.False(step.LosesData);
    }

    [Fact]
    public void Plan_ReplaceOnFieldChanged_Replaces()
    {
        var recorded = States.Of(Deployment, RecordOf(App(name: "mastodon")));

        var step = StepOf(PlanOf(recorded, App(name: "pixelfed")), "acme/app");

        Assert.Equal(StepAction.Replace, step.Action);
        var change = Assert.Single(step.Changes);
        Assert.Equal("name", change.Field);
        Assert.Equal("\"mastodon\"", change.Before);
        Assert.Equal("\"pixelfed\"", change.After);
        Assert.True(change.ForcesReplacement);
    }

    [Fact]
    public void Plan_ReplacingAVm_LosesData()
    {
        var recorded = States.Of(Deployment, RecordOf(Vm(), VmOutputs));
        var renamed = Vm() with { Inputs = Vm().Inputs.SetItem(VirtualMachineKind.Name, ResourceValue.Of("acme-other")) };

        var step = StepOf(PlanOf(recorded, renamed), "acme/vm");

        Assert.Equal(StepAction.Replace, step.Action);
        Assert.True(step.LosesData);
    }

    [Fact]
    public void Plan_KindChanged_Replaces()
    {
        var recorded = States.Of(Deployment, Recorded("acme/app", "old-kind", App().Inputs));

        var step = StepOf(PlanOf(recorded, App()), "acme/app");

        Assert.Equal(StepAction.Replace, step.Action);
        Assert.Contains("old-kind", step.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_RecordedResourceNotDesired_DeletesAfterItsRecordedDependents()
    {
        var recorded = States.Of(Deployment,
            RecordOf(Vm(), VmOutputs),
            RecordOf(Record()),
            Recorded("acme/dns/mail", DnsRecordKind.Kind, Record().Inputs, null, "acme/vm"),
            RecordOf(App()));

        var plan = PlanOf(recorded, App());

        var vm = StepOf(plan, "acme/vm");
        Assert.Equal(StepAction.Delete, vm.Action);
        Assert.Equal([new ResourceAddress("acme/dns/mail"), new ResourceAddress("acme/dns/www")], vm.DependsOn);
        Assert.Equal(StepAction.Delete, StepOf(plan, "acme/dns/www").Action);
        Assert.Equal(StepAction.NoOp, StepOf(plan, "acme/app").Action);
        Assert.Equal(3, plan.Count(StepAction.Delete));
    }

    [Fact]
    public void Plan_DeletingVmBucketAndRecord_FlagsOnlyTheDataLosingOnes()
    {
        var bucket = Desired("acme/bucket", BucketKind.Kind, (BucketKind.Alias, ResourceValue.Of("acme-media")));
        var recorded = States.Of(Deployment,
            RecordOf(Vm(), VmOutputs),
            RecordOf(bucket, ValueMaps.Of((BucketKind.BucketId, ResourceValue.Of("b1")))),
            RecordOf(Record()));

        var plan = PlanOf(recorded);

        Assert.Equal(["acme/bucket", "acme/vm"], plan.DataLosingSteps.Select(s => s.Address.Value).Order());
        Assert.False(StepOf(plan, "acme/dns/www").LosesData);
        Assert.All(plan.Steps, s => Assert.Equal("the deployment is destroyed", s.Reason));
    }

    [Fact]
    public void Plan_NewSecretInput_ShowsSensitiveAndNeverTheClearValue()
    {
        var plan = PlanOf(States.Of(Deployment), App());

        var change = Assert.Single(StepOf(plan, "acme/app").Changes, c => c.Field == "password");
        Assert.Equal("(sensitive)", change.After);
        AssertNowhere(Clear, plan);
    }

    [Fact]
    public void Plan_ChangedSecretInput_ShowsSensitiveOnBothSides()
    {
        var recorded = States.Of(Deployment, RecordOf(App(password: Clear)));

        var plan = PlanOf(recorded, App(password: "new-" + Clear));

        var change = Assert.Single(StepOf(plan, "acme/app").Changes);
        Assert.Equal(new FieldChange("password", "(sensitive)", "(sensitive)", false, null), change);
        AssertNowhere(Clear, plan);
    }

    [Fact]
    public void Plan_UnchangedSecretInput_IsNoOp()
    {
        var plan = PlanOf(States.Of(Deployment, RecordOf(App())), App());

        Assert.Equal(StepAction.NoOp, StepOf(plan, "acme/app").Action);
    }

    [Fact]
    public void Plan_TemplateOverRecordedSecretOutput_ShowsSensitive()
    {
        var key = Desired("acme/key", "app", ("name", ResourceValue.Of("k")));
        var env = Desired("acme/env", "app", ("name", new Template([ResourceValue.Of("KEY="), Ref("acme/key", "secret")])));
        var recorded = States.Of(Deployment,
            RecordOf(key, ValueMaps.Of(("secret", ResourceValue.Of(new Secret(Clear))))));

        var plan = PlanOf(recorded, key, env);

        Assert.Equal("(sensitive)", Assert.Single(StepOf(plan, "acme/env").Changes).After);
        AssertNowhere(Clear, plan);
    }

    [Fact]
    public void Plan_DependentOfResourceBeingCreated_ShowsKnownAfterApply()
    {
        var plan = PlanOf(States.Of(Deployment), Vm(), Record());

        var records = Assert.Single(StepOf(plan, "acme/dns/www").Changes, c => c.Field == DnsRecordKind.Records);
        Assert.Null(records.Before);
        Assert.Equal("(known after apply)", records.After);
    }

    [Fact]
    public void Plan_DependentOfResourceBeingReplaced_UpdatesWithKnownAfterApply()
    {
        var record = Record();
        var recorded = States.Of(Deployment,
            RecordOf(Vm(), VmOutputs),
            RecordOf(record) with { Inputs = record.Inputs.SetItem(DnsRecordKind.Records, ResourceValue.ListOf("198.18.0.101")) });
        var renamed = Vm() with { Inputs = Vm().Inputs.SetItem(VirtualMachineKind.Name, ResourceValue.Of("acme-new")) };

        var plan = PlanOf(recorded, renamed, record);

        var step = StepOf(plan, "acme/dns/www");
        Assert.Equal(StepAction.Update, step.Action);
        var change = Assert.Single(step.Changes);
        Assert.Equal("[\"198.18.0.101\"]", change.Before);
        Assert.Equal("(known after apply)", change.After);
    }

    [Fact]
    public void Plan_DependentOfUnchangedResource_SeesItsRecordedOutput()
    {
        var plan = PlanOf(States.Of(Deployment, RecordOf(Vm(), VmOutputs)), Vm(), Record());

        var records = Assert.Single(StepOf(plan, "acme/dns/www").Changes, c => c.Field == DnsRecordKind.Records);
        Assert.Equal("[\"198.18.0.101\"]", records.After);
    }

    [Fact]
    public void Plan_VmDiskShrinks_ThrowsPlanExceptionListingIt()
    {
        var recorded = States.Of(Deployment, RecordOf(Vm(disk: 40), VmOutputs));

        var error = Assert.Throws<PlanException>(() => PlanOf(recorded, Vm(disk: 20)));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("acme/vm: ", problem, StringComparison.Ordinal);
        Assert.Contains("40 GiB to 20 GiB", problem, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_TwoVmsShrink_ListsBothProblems()
    {
        var recorded = States.Of(Deployment,
            RecordOf(Vm("acme/a", disk: 40), VmOutputs), RecordOf(Vm("acme/b", disk: 80), VmOutputs));

        var error = Assert.Throws<PlanException>(() => PlanOf(recorded, Vm("acme/a", disk: 20), Vm("acme/b", disk: 40)));

        Assert.Equal(2, error.Problems.Length);
    }

    [Fact]
    public void Plan_VmDiskGrows_Updates()
    {
        var recorded = States.Of(Deployment, RecordOf(Vm(disk: 40), VmOutputs));

        var step = StepOf(PlanOf(recorded, Vm(disk: 80)), "acme/vm");

        Assert.Equal(StepAction.Update, step.Action);
    }

    [Fact]
    public void Plan_InterruptedCreate_CreatesAgainAndSaysWhy()
    {
        var recorded = States.Of(Deployment).Interrupted("acme/app");

        var step = StepOf(PlanOf(recorded, App()), "acme/app");

        Assert.Equal(StepAction.Create, step.Action);
        Assert.Contains("interrupted", step.Reason, StringComparison.Ordinal);
    }

    private static void AssertNowhere(string clear, Plan plan)
    {
        var json = JsonSerializer.Serialize(plan) + JsonSerializer.Serialize(PlanReadyEvent.From(plan, DateTimeOffset.UnixEpoch));
        Assert.DoesNotContain(clear, json, StringComparison.Ordinal);
        Assert.Contains("(sensitive)", json, StringComparison.Ordinal);
        Assert.DoesNotContain(clear, string.Join("\n", plan.Steps.Select(s => s.ToString())), StringComparison.Ordinal);
    }
}
