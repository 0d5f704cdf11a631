using System.Collections.Concurrent;
using Fediversity.Orchestrator.Events;

namespace Fediversity.Tests.TestSupport;

/// <summary>Keeps every event of a run, in the order they were published.</summary>
internal sealed class CollectingSink : IDeploymentEventSink
{
    private readonly ConcurrentQueue<DeploymentEvent> events = new();

    public IReadOnlyList<DeploymentEvent> Events => [.. events];

    public IReadOnlyList<T> OfType<T>()
        where T : DeploymentEvent => [.. events.OfType<T>()];

    public void Publish(DeploymentEvent deploymentEvent) => events.Enqueue(deploymentEvent);
}
