using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Planning;
using Fediversity.Orchestrator.State;
using Fediversity.Resources;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Orchestrator.Execution;

/// <summary>
/// Carries out a plan: each step starts as soon as the steps it depends on have ended well, up to a
/// bound at once; deletions run after everything that used the deleted resource. Every step writes an
/// intent to the journal before its provider call and its result to the state store after it.
/// A failed step fails only the steps that depend on it.
/// </summary>
public sealed class Executor(
    StateStore store, ProviderRegistry providers, IDeploymentEventSink sink, TimeProvider time, ExecutorOptions options)
{
    public async Task<SummaryEvent> ExecuteAsync(
        Plan plan, ResourceGraph desired, DeploymentState recorded, string runId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var run = new Run(plan, desired, recorded, runId, options.Parallelism);

        foreach (var step in plan.Steps)
        {
            _ = Schedule(run, step, cancellationToken);
        }

        await Task.WhenAll(run.Tasks.Values);
        cancellationToken.ThrowIfCancellationRequested();

        int Ended(StepAction action) => plan.Steps.Count(s =>
            s.Action == action && run.Tasks[s.Address].Result == StepOutcome.Succeeded);

        return new SummaryEvent
        {
            Deployment = plan.Deployment,
            At = time.GetUtcNow(),
            Created = Ended(StepAction.Create),
            Updated = Ended(StepAction.Update),
            Replaced = Ended(StepAction.Replace),
            Deleted = Ended(StepAction.Delete),
            Unchanged = Ended(StepAction.NoOp),
            Failed = run.Tasks.Values.Count(t => t.Result == StepOutcome.Failed),
            Skipped = run.Tasks.Values.Count(t => t.Result == StepOutcome.Skipped),
            DurationMs = (long)time.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    private Task<StepOutcome> Schedule(Run run, PlannedStep step, CancellationToken cancellationToken)
    {
        if (run.Tasks.TryGetValue(step.Address, out var existing))
        {
            return existing;
        }

        var dependencies = step.DependsOn
            .Where(run.Steps.ContainsKey)
            .Select(d => (Address: d, Task: Schedule(run, run.Steps[d], cancellationToken)))
            .ToImmutableArray();
        var task = RunAfterAsync(run, step, dependencies, cancellationToken);
        run.Tasks[step.Address] = task;
        return task;
    }

    private async Task<StepOutcome> RunAfterAsync(
        Run run,
        PlannedStep step,
        ImmutableArray<(ResourceAddress Address, Task<StepOutcome> Task)> dependencies,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        await Task.WhenAll(dependencies.Select(d => d.Task));

        // A resource that needs no change stays unchanged whatever happened to the steps it depends on.
        var blocker = dependencies.FirstOrDefault(d => d.Task.Result != StepOutcome.Succeeded);
        if (blocker.Task is not null && step.Action != StepAction.NoOp)
        {
            Publish(new StepSkippedEvent
            {
                Deployment = run.Plan.Deployment, At = time.GetUtcNow(), Address = step.Address.Value,
                Action = step.Action, Because = $"{blocker.Address} did not complete",
            });
            return StepOutcome.Skipped;
        }

        if (step.Action == StepAction.NoOp || cancellationToken.IsCancellationRequested)
        {
            return cancellationToken.IsCancellationRequested ? StepOutcome.Skipped : StepOutcome.Succeeded;
        }

        await run.Slots.WaitAsync(cancellationToken);
        try
        {
            return await RunStepAsync(run, step, cancellationToken);
        }
        finally
        {
            run.Slots.Release();
        }
    }

    private async Task<StepOutcome> RunStepAsync(Run run, PlannedStep step, CancellationToken cancellationToken)
    {
        var deployment = run.Plan.Deployment;
        var stopwatch = Stopwatch.StartNew();
        Publish(new StepStartedEvent
        {
            Deployment = deployment, At = time.GetUtcNow(), Address = step.Address.Value, Kind = step.Kind,
            Action = step.Action,
        });

        try
        {
            var reporter = new EventStepReporter(deployment, step.Address, sink, time);
            await (step.Action switch
            {
                StepAction.Create => CreateAsync(run, step.Address, reporter, cancellationToken),
                StepAction.Update => UpdateAsync(run, step.Address, reporter, cancellationToken),
                StepAction.Replace => ReplaceAsync(run, step.Address, reporter, cancellationToken),
                StepAction.Delete => DeleteAsync(run, step.Address, reporter, cancellationToken),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = error is ProviderException or PlanException ? error.Message : $"{error.GetType().Name}: {error.Message}";
            await store.FailStepAsync(deployment, step.Address, message, CancellationToken.None);
            Publish(new StepFailedEvent
            {
                Deployment = deployment, At = time.GetUtcNow(), Address = step.Address.Value, Action = step.Action,
                Error = message,
            });
            return StepOutcome.Failed;
        }

        Publish(new StepCompletedEvent
        {
            Deployment = deployment, At = time.GetUtcNow(), Address = step.Address.Value, Action = step.Action,
            DurationMs = stopwatch.ElapsedMilliseconds,
        });
        return StepOutcome.Succeeded;
    }

    private async Task CreateAsync(Run run, ResourceAddress address, IStepReporter reporter, CancellationToken token)
    {
        var resource = run.Desired.Resources[address];
        var inputs = Resolve(run, resource);
        await store.BeginStepAsync(run.Id, run.Plan.Deployment, address, "create", Handle(inputs), token);

        var request = new ResourceRequest(address, inputs, ImmutableSortedDictionary<string, ResourceValue>.Empty, reporter);
        var outputs = await providers.For(resource.Kind).CreateAsync(request, token);
        await RecordAsync(run, Record(resource, inputs, outputs));
    }

    private async Task UpdateAsync(Run run, ResourceAddress address, IStepReporter reporter, CancellationToken token)
    {
        var resource = run.Desired.Resources[address];
        var prior = run.Current[address];
        var inputs = Resolve(run, resource);
        await store.BeginStepAsync(run.Id, run.Plan.Deployment, address, "update", Handle(inputs), token);

        var request = new ResourceRequest(address, inputs, prior.Outputs, reporter);
        var outputs = await providers.For(resource.Kind).UpdateAsync(request, token);
        await RecordAsync(run, Record(resource, inputs, outputs));
    }

    private async Task ReplaceAsync(Run run, ResourceAddress address, IStepReporter reporter, CancellationToken token)
    {
        reporter.Report("removing the old one");
        await DeleteAsync(run, address, reporter, token);
        reporter.Report("making the new one");
        await CreateAsync(run, address, reporter, token);
    }

    private async Task DeleteAsync(Run run, ResourceAddress address, IStepReporter reporter, CancellationToken token)
    {
        if (!run.Current.TryGetValue(address, out var prior))
        {
            return;
        }

        await store.BeginStepAsync(run.Id, run.Plan.Deployment, address, "delete", Handle(prior.Inputs), token);
        await providers.For(prior.Kind).DeleteAsync(prior, reporter, token);
        await store.CompleteStepAsync(run.Plan.Deployment, address, null, CancellationToken.None);
        run.Current.TryRemove(address, out _);
    }

    /// <summary>Records a step's result. The remote change has happened, so this is not cancelled with the run.</summary>
    private async Task RecordAsync(Run run, ResourceRecord record)
    {
        await store.CompleteStepAsync(run.Plan.Deployment, record.Address, record, CancellationToken.None);
        run.Current[record.Address] = record;
    }

    private static ResourceRecord Record(
        DesiredResource resource,
        ImmutableSortedDictionary<string, ResourceValue> inputs,
        ImmutableSortedDictionary<string, ResourceValue> outputs) =>
        new(resource.Address, resource.Kind, inputs, outputs, resource.Dependencies) { Retained = resource.Retained };

    private static ImmutableSortedDictionary<string, ResourceValue> Resolve(Run run, DesiredResource resource)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ResourceValue>(StringComparer.Ordinal);
        foreach (var (name, value) in resource.Inputs)
        {
            builder[name] = ValueResolver.TryResolve(value, reference =>
                run.Current.TryGetValue(reference.Address, out var target) &&
                target.Outputs.TryGetValue(reference.Output, out var output)
                    ? output
                    : null)
                ?? throw new InvalidOperationException(
                    $"{resource.Address}: input '{name}' refers to an output that does not exist.");
        }

        return builder.ToImmutable();
    }

    /// <summary>The remote name of a resource, which lets a cut-off create be found again.</summary>
    private static string? Handle(IReadOnlyDictionary<string, ResourceValue> inputs) =>
        HandleInputs
            .Select(k => inputs.TryGetValue(k, out var v) && v is TextValue t ? t.Text : null)
            .FirstOrDefault(v => v is not null);

    private static readonly string[] HandleInputs = ["name", "alias", "hostName", "zone"];

    private void Publish(DeploymentEvent deploymentEvent) => sink.Publish(deploymentEvent);

    private sealed class Run(
        Plan plan, ResourceGraph desired, DeploymentState recorded, string id, int parallelism)
    {
        public Plan Plan { get; } = plan;

        public ResourceGraph Desired { get; } = desired;

        public string Id { get; } = id;

        public ConcurrentDictionary<ResourceAddress, ResourceRecord> Current { get; } = new(recorded.Resources);

        public Dictionary<ResourceAddress, PlannedStep> Steps { get; } = plan.Steps.ToDictionary(s => s.Address);

        public Dictionary<ResourceAddress, Task<StepOutcome>> Tasks { get; } = [];

        public SemaphoreSlim Slots { get; } = new(parallelism);
    }
}
