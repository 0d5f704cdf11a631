namespace Fediversity.Orchestrator.Events;

/// <summary>Receives a run's events. Called from several steps at once: it must be thread-safe.</summary>
public interface IDeploymentEventSink
{
    void Publish(DeploymentEvent deploymentEvent);
}
