using System.Collections.Immutable;
using System.Text.Json;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Execution;
using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.Planning;
using Fediversity.Orchestrator.Refresh;
using Fediversity.Orchestrator.State;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Providers;

namespace Fediversity.Orchestrator.Deployments;

/// <summary>
/// Plans and applies deployments: takes the deployment's lease, plans against the recorded state,
/// asks for confirmation, carries the plan out and records the run.
/// </summary>
public sealed class DeploymentRunner(StateStore store, ProviderRegistry providers, TimeProvider time)
{
    public ExecutorOptions Options { get; init; } = new();

    /// <summary>Plans without taking the lease or changing anything.</summary>
    public async Task<Plan> PlanAsync(ResourceGraph desired, CancellationToken cancellationToken)
    {
        var recorded = await store.LoadAsync(desired.Deployment, cancellationToken);
        return Planner.Plan(desired, recorded, providers);
    }

    /// <summary>
    /// Plans many deployments without taking their leases or changing anything, reading their recorded state
    /// together (<see cref="StateStore.LoadManyAsync"/>): a fleet-wide plan. Each state is dropped once planned.
    /// </summary>
    /// <returns>One plan per graph, in the order given.</returns>
    /// <exception cref="PlanException">A graph's changes cannot be made; nothing after it is planned.</exception>
    /// <exception cref="ArgumentException">Two graphs are of the same deployment.</exception>
    public async Task<ImmutableArray<Plan>> PlanManyAsync(
        IReadOnlyList<ResourceGraph> desired, CancellationToken cancellationToken)
    {
        if (desired.GroupBy(g => g.Deployment, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"The deployment '{twice.Key}' is given twice; plan it once.", nameof(desired));
        }

        var plans = ImmutableArray.CreateBuilder<Plan>(desired.Count);
        await foreach (var recorded in store.LoadManyAsync(desired.Select(g => g.Deployment), cancellationToken))
        {
            plans.Add(Planner.Plan(desired[plans.Count], recorded, providers));
        }

        return plans.MoveToImmutable();
    }

    /// <summary>Reads every resource of the deployment back from its provider, under the deployment's lease.</summary>
    public async Task<ImmutableArray<Drift>> RefreshAsync(
        string deployment, LeaseHolder holder, CancellationToken cancellationToken)
    {
        await using var lease = await DeploymentLease.AcquireAsync(
            store, deployment, holder, TimeSpan.FromSeconds(30), cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        return await new Refresher(store, providers).RefreshAsync(deployment, linked.Token);
    }

    public async Task<ApplyResult> ApplyAsync(
        ApplyRequest request, IDeploymentEventSink sink, CancellationToken cancellationToken)
    {
        var deployment = request.Desired.Deployment;
        await using var lease = await DeploymentLease.AcquireAsync(
            store, deployment, request.Holder, request.LeaseTtl, cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);

        var recorded = await store.LoadAsync(deployment, linked.Token);
        var plan = Planner.Plan(request.Desired, recorded, providers);
        sink.Publish(PlanReadyEvent.From(plan, time.GetUtcNow()));

        if (plan.HasChanges && !request.Confirm(plan))
        {
            return new ApplyResult(plan, null);
        }

        var runId = await store.BeginRunAsync(deployment, request.Command, request.Holder.Name, request.Environment,
            linked.Token);
        var executor = new Executor(store, providers, sink, time, Options);
        var summary = await executor.ExecuteAsync(plan, request.Desired, recorded, runId, linked.Token);
        if (summary.Succeeded && request.Desired.Resources.IsEmpty)
        {
            var audit = await new OperatorRecords(store).FinishDeletionAsync(deployment, request.Holder.Name,
                request.Environment, request.AccountingRetention, CancellationToken.None);
            sink.Publish(summary);
            return new ApplyResult(plan, summary) { Deletion = audit };
        }

        var retained = request.Desired.Resources.Values.Where(r => r.Retained).Select(r => r.Address).ToHashSet();
        await store.EndRunAsync(runId, summary.Succeeded ? "succeeded" : "failed",
            JsonSerializer.Serialize(summary), Status(summary.Succeeded, request.Desired.Resources.IsEmpty),
            retained, CancellationToken.None);
        sink.Publish(summary);
        return new ApplyResult(plan, summary);
    }

    /// <summary>A deployment whose deletion did not finish stays "deleting" until a rerun finishes it.</summary>
    private static string Status(bool succeeded, bool deleting) => (succeeded, deleting) switch
    {
        (_, true) => "deleting",
        (true, false) => "active",
        (false, false) => "failed",
    };
}
