using Fediversity.Orchestrator.Events;

namespace Fediversity.Bench.Workload;

/// <summary>Takes a run's events and only counts them, so that reporting costs the runs next to nothing.</summary>
public sealed class CountingSink : IDeploymentEventSink
{
    private long count;

    public long Count => Interlocked.Read(ref count);

    public void Publish(DeploymentEvent deploymentEvent) => Interlocked.Increment(ref count);
}
