namespace Fediversity.Orchestrator.Execution;

/// <summary>How one step ended.</summary>
public enum StepOutcome
{
    Succeeded,
    Failed,
    Skipped,
}
