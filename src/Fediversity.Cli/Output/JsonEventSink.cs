using Fediversity.Orchestrator.Events;

namespace Fediversity.Cli.Output;

/// <summary>Writes each event as one JSON object per line, for the hosting provider's own tooling.</summary>
public sealed class JsonEventSink(TextWriter writer) : IDeploymentEventSink
{
    public void Publish(DeploymentEvent deploymentEvent) => JsonOutput.WriteLine(writer, deploymentEvent);
}
