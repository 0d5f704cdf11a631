namespace Fediversity.Orchestrator.Planning;

/// <summary>What a plan does with one resource.</summary>
public enum StepAction
{
    NoOp,
    Create,
    Update,
    Replace,
    Delete,
}
