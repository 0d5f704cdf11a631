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
/// bound at once; deletions run after everything that used the deleted resource. Every step that acts
/// outside writes an intent to the journal before its provider call, and every step writes its result to
/// the state store after it. A failed step fails only the steps that depend on it.
/// </summary>
/// <remarks>
/// A step's dependents start as soon as its provider call has returned, while its result is being
/// written: each dependent's intent is then written alongside, and its provider call waits until both
/// are durable. So no call is ever made on the strength of a result the store might lose, yet a chain of
/// steps pays one commit wait a link instead of two.
/// </remarks>
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

        await Task.WhenAll(run.Tasks.Values.Select(t => t.Done));
        cancellationToken.ThrowIfCancellationRequested();

        int Ended(StepAction action) => plan.Steps.Count(s =>
            s.Action == action && run.Tasks[s.Address].Done.Result == StepOutcome.Succeeded);

        return new SummaryEvent
        {
            Deployment = plan.Deployment,
            At = time.GetUtcNow(),
            Created = Ended(StepAction.Create),
            Updated = Ended(StepAction.Update),
            Replaced = Ended(StepAction.Replace),
            Deleted = Ended(StepAction.Delete),
            Unchanged = Ended(StepAction.NoOp),
            Failed = run.Tasks.Values.Count(t => t.Done.Result == StepOutcome.Failed),
            Skipped = run.Tasks.Values.Count(t => t.Done.Result == StepOutcome.Skipped),
            DurationMs = (long)time.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    private StepTasks Schedule(Run run, PlannedStep step, CancellationToken cancellationToken)
    {
        if (run.Tasks.TryGetValue(step.Address, out var existing))
        {
            return existing;
        }

        var dependencies = step.DependsOn
            .Where(run.Steps.ContainsKey)
            .Select(d => (Address: d, Tasks: Schedule(run, run.Steps[d], cancellationToken)))
            .ToImmutableArray();
        var ready = new TaskCompletionSource<StepOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = new StepTasks(ready.Task, RunAfterAsync(run, step, dependencies, ready, cancellationToken));
        run.Tasks[step.Address] = tasks;
        return tasks;
    }

    /// <summary>Runs the step once its dependencies are ready, and tells its own dependents when it is.</summary>
    private async Task<StepOutcome> RunAfterAsync(
        Run run,
        PlannedStep step,
        ImmutableArray<(ResourceAddress Address, StepTasks Tasks)> dependencies,
        TaskCompletionSource<StepOutcome> ready,
        CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await RunWhenReadyAsync(run, step, dependencies, ready, cancellationToken);
            ready.TrySetResult(outcome);
            return outcome;
        }
        catch
        {
            ready.TrySetResult(StepOutcome.Failed);
            throw;
        }
    }

    private async Task<StepOutcome> RunWhenReadyAsync(
        Run run,
        PlannedStep step,
        ImmutableArray<(ResourceAddress Address, StepTasks Tasks)> dependencies,
        TaskCompletionSource<StepOutcome> ready,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        await Task.WhenAll(dependencies.Select(d => d.Tasks.Ready));

        // A resource that needs no change stays unchanged whatever happened to the steps it depends on.
        var blocker = dependencies.FirstOrDefault(d => d.Tasks.Ready.Result != StepOutcome.Succeeded);
        if (blocker.Tasks is not null && step.Action != StepAction.NoOp)
        {
            return Skip(run, step, blocker.Address);
        }

        var recorded = Task.WhenAll(dependencies.Select(d => d.Tasks.Done));
        if (step.Action == StepAction.NoOp || cancellationToken.IsCancellationRequested)
        {
            // An unchanged resource's dependents may use its outputs only once its own dependencies are stored.
            await recorded;
            return cancellationToken.IsCancellationRequested ? StepOutcome.Skipped : StepOutcome.Succeeded;
        }

        await run.Slots.WaitAsync(cancellationToken);
        try
        {
            return await RunStepAsync(run, step, Dependencies(dependencies, recorded), ready, cancellationToken);
        }
        finally
        {
            run.Slots.Release();
        }
    }

    /// <summary>
    /// Ends well once every dependency's result is stored; otherwise fails naming the first that was not, so
    /// that no provider call is made on outputs the store might lose.
    /// </summary>
    private static async Task Dependencies(
        ImmutableArray<(ResourceAddress Address, StepTasks Tasks)> dependencies, Task recorded)
    {
        await recorded;
        var unrecorded = dependencies.FirstOrDefault(d => d.Tasks.Done.Result != StepOutcome.Succeeded);
        if (unrecorded.Tasks is not null)
        {
            throw new DependencyNotRecordedException(unrecorded.Address);
        }
    }

    private StepOutcome Skip(Run run, PlannedStep step, ResourceAddress blocker)
    {
        Publish(new StepSkippedEvent
        {
            Deployment = run.Plan.Deployment, At = time.GetUtcNow(), Address = step.Address.Value,
            Action = step.Action, Because = $"{blocker} did not complete",
        });
        return StepOutcome.Skipped;
    }

    private async Task<StepOutcome> RunStepAsync(
        Run run, PlannedStep step, Task dependencies, TaskCompletionSource<StepOutcome> ready,
        CancellationToken cancellationToken)
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
            var call = new StepCall(run, step.Address, reporter, dependencies);
            var recording = await (step.Action switch
            {
                StepAction.Create => CreateAsync(call, cancellationToken),
                StepAction.Update => UpdateAsync(call, cancellationToken),
                StepAction.Replace => ReplaceAsync(call, cancellationToken),
                StepAction.Delete => DeleteAsync(call, cancellationToken),
                _ => Task.FromResult(Task.CompletedTask),
            });
            ready.TrySetResult(StepOutcome.Succeeded);
            await recording;
        }
        catch (DependencyNotRecordedException unrecorded)
        {
            await store.FailStepAsync(
                deployment, step.Address, unrecorded.Message, Unjournaled(run, step), CancellationToken.None);
            return Skip(run, step, unrecorded.Address);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = error is ProviderException or PlanException ? error.Message : $"{error.GetType().Name}: {error.Message}";
            await store.FailStepAsync(
                deployment, step.Address, message, Unjournaled(run, step), CancellationToken.None);
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

    // Each operation returns once its provider call is done, with the write of its result still under way.

    private async Task<Task> CreateAsync(StepCall call, CancellationToken token)
    {
        var run = call.Run;
        var resource = run.Desired.Resources[call.Address];
        var provider = providers.For(resource.Kind);
        var inputs = Resolve(run, resource);
        var journal = await BeginAsync(call, provider, "create", Handle(inputs), token);

        var request = new ResourceRequest(
            call.Address, inputs, ImmutableSortedDictionary<string, ResourceValue>.Empty, call.Reporter);
        var outputs = await provider.CreateAsync(request, token);
        return Record(run, Record(resource, inputs, outputs), journal);
    }

    private async Task<Task> UpdateAsync(StepCall call, CancellationToken token)
    {
        var run = call.Run;
        var resource = run.Desired.Resources[call.Address];
        var provider = providers.For(resource.Kind);
        var prior = run.Current[call.Address];
        var inputs = Resolve(run, resource);
        var journal = await BeginAsync(call, provider, "update", Handle(inputs), token);

        var request = new ResourceRequest(call.Address, inputs, prior.Outputs, call.Reporter);
        var outputs = await provider.UpdateAsync(request, token);
        return Record(run, Record(resource, inputs, outputs), journal);
    }

    private async Task<Task> ReplaceAsync(StepCall call, CancellationToken token)
    {
        call.Reporter.Report("removing the old one");
        await await DeleteAsync(call, token);
        call.Reporter.Report("making the new one");
        return await CreateAsync(call with { Dependencies = Task.CompletedTask }, token);
    }

    private async Task<Task> DeleteAsync(StepCall call, CancellationToken token)
    {
        var run = call.Run;
        if (!run.Current.TryGetValue(call.Address, out var prior))
        {
            await call.Dependencies;
            return Task.CompletedTask;
        }

        var provider = providers.For(prior.Kind);
        var journal = await BeginAsync(call, provider, "delete", Handle(prior.Inputs), token);
        await provider.DeleteAsync(prior, call.Reporter, token);
        run.Current.TryRemove(call.Address, out _);
        return store.CompleteStepAsync(run.Plan.Deployment, call.Address, null, journal, CancellationToken.None);
    }

    /// <summary>
    /// Writes the intent of a provider call that acts outside, alongside the results of the step's
    /// dependencies, and returns once both are durable. A call that acts only here gets its journal entry
    /// with its result instead: the entry to write then is returned.
    /// </summary>
    private async Task<StepJournal?> BeginAsync(
        StepCall call, ResourceProvider provider, string operation, string? handle, CancellationToken token)
    {
        if (!provider.ActsOutside)
        {
            await call.Dependencies;
            return new StepJournal(call.Run.Id, operation, handle);
        }

        var intent = store.BeginStepAsync(
            call.Run.Id, call.Run.Plan.Deployment, call.Address, operation, handle, token);
        try
        {
            await call.Dependencies;
        }
        finally
        {
            // An intent written for a call that is then not made is closed by the step's failure.
            await intent;
        }

        return null;
    }

    /// <summary>The journal entry of a failed step whose provider writes no intent, else null.</summary>
    private StepJournal? Unjournaled(Run run, PlannedStep step) =>
        providers.For(step.Kind).ActsOutside
            ? null
            : new StepJournal(run.Id, step.Action switch
            {
                StepAction.Delete => "delete",
                StepAction.Update => "update",
                _ => "create",
            }, null);

    /// <summary>
    /// Starts recording a step's result; dependents may use its outputs at once. The remote change has
    /// happened, so the write is not cancelled with the run.
    /// </summary>
    private Task Record(Run run, ResourceRecord record, StepJournal? journal)
    {
        run.Current[record.Address] = record;
        return store.CompleteStepAsync(run.Plan.Deployment, record.Address, record, journal, CancellationToken.None);
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

        public Dictionary<ResourceAddress, StepTasks> Tasks { get; } = [];

        public SemaphoreSlim Slots { get; } = new(parallelism);
    }

    /// <summary>What a step's dependents wait for.</summary>
    /// <param name="Ready">Ends when dependents may use the step's outputs: its provider call is done.</param>
    /// <param name="Done">Ends when the step's result is durable, or it failed or was skipped.</param>
    private sealed record StepTasks(Task<StepOutcome> Ready, Task<StepOutcome> Done);

    /// <summary>One step's provider call, and what it must wait for before it is made.</summary>
    /// <param name="Run">The run the step belongs to.</param>
    /// <param name="Address">The step's resource.</param>
    /// <param name="Reporter">Where the provider reports progress.</param>
    /// <param name="Dependencies">Ends well once every dependency's result is durable.</param>
    private sealed record StepCall(Run Run, ResourceAddress Address, IStepReporter Reporter, Task Dependencies);

    private sealed class DependencyNotRecordedException(ResourceAddress address)
        : Exception($"not started: the result of {address} could not be recorded")
    {
        public ResourceAddress Address { get; } = address;
    }
}
