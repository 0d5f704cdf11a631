using Fediversity.Orchestrator.Events;
using Fediversity.Resources;
using Fediversity.Resources.Providers;

namespace Fediversity.Orchestrator.Execution;

/// <summary>Turns a provider's progress lines into step progress events.</summary>
internal sealed class EventStepReporter(
    string deployment, ResourceAddress address, IDeploymentEventSink sink, TimeProvider time) : IStepReporter
{
    public void Report(string message) => sink.Publish(new StepProgressEvent
    {
        Deployment = deployment, At = time.GetUtcNow(), Address = address.Value, Message = message,
    });
}
