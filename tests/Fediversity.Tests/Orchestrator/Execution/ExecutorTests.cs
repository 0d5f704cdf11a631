using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Execution;
using Fediversity.Orchestrator.Planning;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Orchestrator.Execution;

public sealed class ExecutorTests : IAsyncLifetime
{
    private const string Deployment = "acme";
    private const string Kind = "thing";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly RecordingProvider provider = new(Kind)
    {
        SchemaOverride = ResourceSchema.Default with { ReplaceOn = ["name"] },
    };

    private readonly RecordingProvider local = new("local-thing") { ActsOutsideOverride = false };

    private readonly CollectingSink sink = new();
    private TestStore test = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => test = await TestStore.OpenAsync(Token);

    public ValueTask DisposeAsync() => test.DisposeAsync();

    private static DesiredResource Thing(string address, params (string Name, ResourceValue Value)[] inputs) =>
        Desired(address, Kind, [("name", ResourceValue.Of(address.Replace('/', '-'))), .. inputs]);

    private static ResourceGraph Graph(params DesiredResource[] resources) => ResourceGraph.Create(Deployment, resources);

    private async Task<(Plan Plan, SummaryEvent Summary)> ApplyAsync(
        ResourceGraph desired, ExecutorOptions? options = null, CancellationToken? cancellationToken = null)
    {
        var token = cancellationToken ?? Token;
        var registry = new ProviderRegistry([provider, local]);
        var recorded = await test.Store.LoadAsync(Deployment, Token);
        var plan = Planner.Plan(desired, recorded, registry);
        var runId = await test.Store.BeginRunAsync(Deployment, "apply", "tests", "sandbox", Token);
        var executor = new Executor(test.Store, registry, sink, test.Time, options ?? new ExecutorOptions());
        var summary = await executor.ExecuteAsync(plan, desired, recorded, runId, token);
        return (plan, summary);
    }

    private async Task<IReadOnlyList<string>> RecordedAddressesAsync() =>
        [.. (await test.Store.LoadAsync(Deployment, Token)).Resources.Keys.Select(a => a.Value)];

    private static void AssertBefore(IReadOnlyList<string> calls, string first, string second)
    {
        var (i, j) = (calls.ToList().IndexOf(first), calls.ToList().IndexOf(second));
        Assert.True(i >= 0 && j >= 0 && i < j, $"expected '{first}' before '{second}' in: {string.Join(", ", calls)}");
    }

    [Fact]
    public async Task ExecuteAsync_Creates_RunDependenciesFirstWithTheirOutputs()
    {
        var graph = Graph(
            Thing("a/host", ("address", Ref("a/vm", RecordingProvider.IdOutput))),
            Thing("a/vm", ("key", Ref("a/key", RecordingProvider.IdOutput))),
            Thing("a/key"),
            Thing("a/record").WithDependsOn("a/vm"));

        var (_, summary) = await ApplyAsync(graph);

        AssertBefore(provider.Calls, "create a/key", "create a/vm");
        AssertBefore(provider.Calls, "create a/vm", "create a/host");
        AssertBefore(provider.Calls, "create a/vm", "create a/record");
        Assert.Equal(ResourceValue.Of("id:a/vm"), provider.Requests[Address("a/host")].Inputs["address"]);
        Assert.Equal(4, summary.Created);
        Assert.True(summary.Succeeded);
    }

    [Fact]
    public async Task ExecuteAsync_Creates_RecordsEachResourceWithInputsOutputsAndDependencies()
    {
        await ApplyAsync(Graph(Thing("a/key"), Thing("a/vm", ("key", Ref("a/key", RecordingProvider.IdOutput)))));

        var state = await test.Store.LoadAsync(Deployment, Token);
        var vm = state.Resources[Address("a/vm")];
        Assert.Equal(ResourceValue.Of("id:a/key"), vm.Inputs["key"]);
        Assert.Equal(ResourceValue.Of("id:a/vm"), vm.Outputs[RecordingProvider.IdOutput]);
        Assert.Equal([Address("a/key")], vm.Dependencies);
        Assert.Empty(state.Interrupted);
    }

    [Fact]
    public async Task ExecuteAsync_Deletions_RunDependentsFirst()
    {
        await ApplyAsync(Graph(
            Thing("a/1"),
            Thing("a/2", ("x", Ref("a/1", RecordingProvider.IdOutput))),
            Thing("a/3", ("x", Ref("a/2", RecordingProvider.IdOutput))),
            Thing("a/4").WithDependsOn("a/1")));

        var (_, summary) = await ApplyAsync(Graph());

        var deletes = provider.Calls.Where(c => c.StartsWith("delete", StringComparison.Ordinal)).ToList();
        AssertBefore(deletes, "delete a/3", "delete a/2");
        AssertBefore(deletes, "delete a/2", "delete a/1");
        AssertBefore(deletes, "delete a/4", "delete a/1");
        Assert.Equal(4, summary.Deleted);
        Assert.Empty(await RecordedAddressesAsync());
    }

    [Fact]
    public async Task ExecuteAsync_DeletionUsedByAKeptResource_WaitsForItsUpdate()
    {
        await ApplyAsync(Graph(Thing("a/old"), Thing("a/user", ("x", Ref("a/old", RecordingProvider.IdOutput)))));

        await ApplyAsync(Graph(Thing("a/user", ("x", ResourceValue.Of("plain")))));

        AssertBefore(provider.Calls, "update a/user", "delete a/old");
    }

    [Fact]
    public async Task ExecuteAsync_ParallelismN_RunsAtMostNStepsAtOnce()
    {
        const int steps = 6;
        var inFlight = 0;
        var most = 0;
        using var entered = new SemaphoreSlim(0);
        using var gate = new SemaphoreSlim(0);
        provider.Hook = async (_, _, token) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            entered.Release();
            try
            {
                await gate.WaitAsync(token);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        };

        var run = ApplyAsync(Graph([.. Enumerable.Range(1, steps).Select(i => Thing($"a/{i}"))]),
            new ExecutorOptions { Parallelism = 2 });

        Assert.True(await entered.WaitAsync(Patience, Token));
        Assert.True(await entered.WaitAsync(Patience, Token));

        // Nothing can prove that a third step never starts; holding both slots for a moment shows it does not.
        Assert.False(await entered.WaitAsync(TimeSpan.FromMilliseconds(300), Token), "a third step started");
        for (var i = 2; i < steps; i++)
        {
            gate.Release();
            Assert.True(await entered.WaitAsync(Patience, Token), $"step {i + 1} never started");
        }

        gate.Release(2);
        var (_, summary) = await run;

        Assert.Equal(2, most);
        Assert.Equal(steps, summary.Created);
    }

    [Fact]
    public async Task ExecuteAsync_StepFails_SkipsItsDependentsAndFinishesTheOthers()
    {
        provider.Hook = (_, address, _) => address == Address("a/1")
            ? throw new ProviderException("quota exceeded on the hypervisor")
            : Task.CompletedTask;

        var (_, summary) = await ApplyAsync(Graph(
            Thing("a/1"),
            Thing("a/2", ("x", Ref("a/1", RecordingProvider.IdOutput))),
            Thing("a/3").WithDependsOn("a/2"),
            Thing("b/1")));

        Assert.Equal((1, 1, 2), (summary.Created, summary.Failed, summary.Skipped));
        Assert.False(summary.Succeeded);
        Assert.DoesNotContain("create a/2", provider.Calls);
        Assert.DoesNotContain("create a/3", provider.Calls);
        Assert.Equal(["b/1"], await RecordedAddressesAsync());

        var failed = Assert.Single(sink.OfType<StepFailedEvent>());
        Assert.Equal(("a/1", "quota exceeded on the hypervisor"), (failed.Address, failed.Error));
        var skipped = sink.OfType<StepSkippedEvent>().ToDictionary(e => e.Address, e => e.Because);
        Assert.Equal("a/1 did not complete", skipped["a/2"]);
        Assert.Equal("a/2 did not complete", skipped["a/3"]);
    }

    [Fact]
    public async Task ExecuteAsync_ProviderCall_HasAnOpenIntentInTheJournalWhileItRuns()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<string>();
        provider.Hook = async (operation, address, _) =>
        {
            var open = (await test.Store.JournalAsync(Deployment, Token))
                .Where(j => j.Address == address.Value && j.EndedAtMs is null)
                .ToList();
            var intent = Assert.Single(open);
            Assert.Equal(operation, intent.Operation);
            Assert.Equal(address.Value.Replace('/', '-'), intent.Handle);
            seen.Add($"{operation} {address}");
        };

        await ApplyAsync(Graph(Thing("a/1"), Thing("a/2")));
        await ApplyAsync(Graph());

        Assert.Equal(["create a/1", "create a/2", "delete a/1", "delete a/2"], seen.Order());
    }

    [Fact]
    public async Task ExecuteAsync_ProviderActingOnlyHere_NoIntentDuringItsCallButAJournalEntryAfter()
    {
        var openDuringCalls = new System.Collections.Concurrent.ConcurrentBag<int>();
        local.Hook = async (_, address, _) => openDuringCalls.Add((await test.Store.JournalAsync(Deployment, Token))
            .Count(j => j.Address == address.Value && j.EndedAtMs is null));
        var key = Desired("a/key", local.Kind, ("name", ResourceValue.Of("a-key")));

        await ApplyAsync(Graph(key, Thing("a/vm", ("key", Ref("a/key", RecordingProvider.IdOutput)))));
        await ApplyAsync(Graph());

        Assert.Equal([0, 0], openDuringCalls);
        Assert.Equal(["create a/key", "delete a/key"], local.Calls);
        var entries = (await test.Store.JournalAsync(Deployment, Token))
            .Where(j => j.Address == "a/key")
            .Select(j => (j.Operation, j.Outcome, j.Handle, Ended: j.EndedAtMs is not null));
        Assert.Equal([("create", "done", "a-key", true), ("delete", "done", "a-key", true)], entries);
    }

    [Fact]
    public async Task ExecuteAsync_DependencyResultCannotBeStored_DependentIsNeverCalled()
    {
        await using (var db = test.Store.Context())
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER refuse_a1 BEFORE INSERT ON resources WHEN NEW.Address = 'a/1' " +
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END;", Token);
        }

        var (_, summary) = await ApplyAsync(Graph(
            Thing("a/1"),
            Thing("a/2", ("after", Ref("a/1", RecordingProvider.IdOutput))),
            Thing("a/3").WithDependsOn("a/2")));

        Assert.Equal(["create a/1"], provider.Calls);
        Assert.Equal((1, 2), (summary.Failed, summary.Skipped));
        Assert.Equal("a/1 did not complete", sink.OfType<StepSkippedEvent>().Single(e => e.Address == "a/2").Because);
        var state = await test.Store.LoadAsync(Deployment, Token);
        Assert.Empty(state.Resources);
        Assert.Empty(state.Interrupted);
    }

    [Fact]
    public async Task ExecuteAsync_AfterSuccessAndFailure_ClosesEveryIntentWithItsOutcome()
    {
        provider.Hook = (_, address, _) => address == Address("a/bad")
            ? throw new ProviderException("refused")
            : Task.CompletedTask;

        await ApplyAsync(Graph(Thing("a/bad"), Thing("a/good")));

        var journal = (await test.Store.JournalAsync(Deployment, Token)).ToDictionary(j => j.Address);
        Assert.Equal(2, journal.Count);
        Assert.Equal(("create", "done", null), (journal["a/good"].Operation, journal["a/good"].Outcome, journal["a/good"].Error));
        Assert.Equal(("failed", "refused"), (journal["a/bad"].Outcome, journal["a/bad"].Error));
        Assert.All(journal.Values, j => Assert.NotNull(j.EndedAtMs));
        Assert.Empty((await test.Store.LoadAsync(Deployment, Token)).Interrupted);
    }

    [Fact]
    public async Task ExecuteAsync_Replace_DeletesThenCreatesWithAnIntentEach()
    {
        await ApplyAsync(Graph(Thing("a/1")));

        var (plan, summary) = await ApplyAsync(Graph(Desired("a/1", Kind, ("name", ResourceValue.Of("renamed")))));

        Assert.Equal(StepAction.Replace, Assert.Single(plan.Steps).Action);
        Assert.Equal(["create a/1", "delete a/1", "create a/1"], provider.Calls);
        Assert.Equal(["create", "delete", "create"],
            (await test.Store.JournalAsync(Deployment, Token)).Select(j => j.Operation));
        Assert.Equal(1, summary.Replaced);
        var state = await test.Store.LoadAsync(Deployment, Token);
        Assert.Equal(ResourceValue.Of("renamed"), state.Resources[Address("a/1")].Inputs["name"]);
    }

    [Fact]
    public async Task ExecuteAsync_Update_GivesTheProviderThePriorOutputs()
    {
        await ApplyAsync(Graph(Thing("a/1", ("size", ResourceValue.Of(1)))));

        await ApplyAsync(Graph(Thing("a/1", ("size", ResourceValue.Of(2)))));

        var request = provider.Requests[Address("a/1")];
        Assert.Equal(ResourceValue.Of(2), request.Inputs["size"]);
        Assert.Equal(RecordingProvider.OutputsFor(Address("a/1")), request.PriorOutputs);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledMidRun_KeepsExactlyTheFinishedStepsAndTheNextPlanMakesTheRest()
    {
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(Token);
        provider.Hook = async (_, address, token) =>
        {
            if (address == Address("a/3"))
            {
                await crash.CancelAsync();
                token.ThrowIfCancellationRequested();
            }
        };
        var graph = Graph(
            Thing("a/1"),
            Thing("a/2"),
            Thing("a/3").WithDependsOn("a/1", "a/2"),
            Thing("a/4", ("x", Ref("a/3", RecordingProvider.IdOutput))));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ApplyAsync(graph, cancellationToken: crash.Token));

        Assert.Equal(["a/1", "a/2"], await RecordedAddressesAsync());
        Assert.DoesNotContain("create a/4", provider.Calls);
        var state = await test.Store.LoadAsync(Deployment, Token);
        Assert.Equal([Address("a/3")], state.Interrupted);

        provider.Hook = null;
        var (plan, summary) = await ApplyAsync(graph);

        Assert.Equal(["a/3", "a/4"], plan.Steps.Where(s => s.Action == StepAction.Create).Select(s => s.Address.Value));
        Assert.Equal(2, plan.Count(StepAction.NoOp));
        Assert.Equal((2, 2), (summary.Created, summary.Unchanged));
        Assert.Equal(["a/1", "a/2", "a/3", "a/4"], await RecordedAddressesAsync());
        Assert.Empty((await test.Store.LoadAsync(Deployment, Token)).Interrupted);
    }

    [Fact]
    public async Task ExecuteAsync_MixedPlan_SummaryCountsAddUpToThePlan()
    {
        await ApplyAsync(Graph(
            Thing("a/update", ("size", ResourceValue.Of(1))),
            Thing("a/replace"),
            Thing("a/delete"),
            Thing("a/keep")));
        provider.Hook = (_, address, _) => address == Address("a/broken")
            ? throw new ProviderException("no")
            : Task.CompletedTask;

        var (plan, summary) = await ApplyAsync(Graph(
            Thing("a/update", ("size", ResourceValue.Of(2))),
            Desired("a/replace", Kind, ("name", ResourceValue.Of("other"))),
            Thing("a/keep"),
            Thing("a/new"),
            Thing("a/broken"),
            Thing("a/after-broken").WithDependsOn("a/broken")));

        Assert.Equal((1, 1, 1, 1, 1, 1, 1),
            (summary.Created, summary.Updated, summary.Replaced, summary.Deleted, summary.Unchanged,
                summary.Failed, summary.Skipped));
        Assert.Equal(plan.Steps.Length,
            summary.Created + summary.Updated + summary.Replaced + summary.Deleted + summary.Unchanged +
            summary.Failed + summary.Skipped);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) &&
               Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
