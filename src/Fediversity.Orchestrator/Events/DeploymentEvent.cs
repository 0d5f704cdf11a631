using System.Text.Json.Serialization;

namespace Fediversity.Orchestrator.Events;

/// <summary>
/// Something that happened during a run, for whoever watches: the command line's display, the JSON
/// event stream, the panel, the log. Events never carry a secret.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PlanReadyEvent), "plan")]
[JsonDerivedType(typeof(StepStartedEvent), "step-started")]
[JsonDerivedType(typeof(StepProgressEvent), "step-progress")]
[JsonDerivedType(typeof(StepCompletedEvent), "step-done")]
[JsonDerivedType(typeof(StepFailedEvent), "step-failed")]
[JsonDerivedType(typeof(StepSkippedEvent), "step-skipped")]
[JsonDerivedType(typeof(SummaryEvent), "summary")]
public abstract record DeploymentEvent
{
    public required string Deployment { get; init; }

    public required DateTimeOffset At { get; init; }
}
