using Fediversity.Orchestrator.Planning;

namespace Fediversity.Orchestrator.Events;

/// <summary>The plan is made; the steps follow.</summary>
public sealed record PlanReadyEvent : DeploymentEvent
{
    public required int Create { get; init; }

    public required int Update { get; init; }

    public required int Replace { get; init; }

    public required int Delete { get; init; }

    public required int Unchanged { get; init; }

    public required IReadOnlyList<PlannedStepView> Steps { get; init; }

    /// <summary>The event for <paramref name="plan"/>: its counts, and every step that changes something.</summary>
    public static PlanReadyEvent From(Plan plan, DateTimeOffset at) => new()
    {
        Deployment = plan.Deployment,
        At = at,
        Create = plan.Count(StepAction.Create),
        Update = plan.Count(StepAction.Update),
        Replace = plan.Count(StepAction.Replace),
        Delete = plan.Count(StepAction.Delete),
        Unchanged = plan.Count(StepAction.NoOp),
        Steps = [.. plan.Steps
            .Where(s => s.Action != StepAction.NoOp)
            .Select(s => new PlannedStepView(s.Address.Value, s.Kind, s.Action, s.Reason, s.LosesData, s.Changes))],
    };
}

/// <summary>A step of the plan as events show it.</summary>
public sealed record PlannedStepView(string Address, string Kind, StepAction Action, string Reason, bool LosesData,
    IReadOnlyList<FieldChange> Changes);

/// <summary>A step began.</summary>
public sealed record StepStartedEvent : DeploymentEvent
{
    public required string Address { get; init; }

    public required string Kind { get; init; }

    public required StepAction Action { get; init; }
}

/// <summary>A line of progress from the provider doing a step.</summary>
public sealed record StepProgressEvent : DeploymentEvent
{
    public required string Address { get; init; }

    public required string Message { get; init; }
}

/// <summary>A step ended well.</summary>
public sealed record StepCompletedEvent : DeploymentEvent
{
    public required string Address { get; init; }

    public required StepAction Action { get; init; }

    public required long DurationMs { get; init; }
}

/// <summary>A step failed; its dependents are skipped, other steps go on.</summary>
public sealed record StepFailedEvent : DeploymentEvent
{
    public required string Address { get; init; }

    public required StepAction Action { get; init; }

    public required string Error { get; init; }
}

/// <summary>A step did not run because a step it depends on failed.</summary>
public sealed record StepSkippedEvent : DeploymentEvent
{
    public required string Address { get; init; }

    public required StepAction Action { get; init; }

    public required string Because { get; init; }
}

/// <summary>The run ended. The counts are of steps that ended well.</summary>
public sealed record SummaryEvent : DeploymentEvent
{
    public required int Created { get; init; }

    public required int Updated { get; init; }

    public required int Replaced { get; init; }

    public required int Deleted { get; init; }

    public required int Unchanged { get; init; }

    public required int Failed { get; init; }

    public required int Skipped { get; init; }

    public required long DurationMs { get; init; }

    public bool Succeeded => Failed == 0 && Skipped == 0;
}
