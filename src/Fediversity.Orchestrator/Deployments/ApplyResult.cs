using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Planning;
using Fediversity.Orchestrator.State;

namespace Fediversity.Orchestrator.Deployments;

/// <summary>How an apply ended: the plan, and the summary when it ran.</summary>
public sealed record ApplyResult(Plan Plan, SummaryEvent? Summary)
{
    public bool Declined => Summary is null;

    public bool Succeeded => Summary is { Succeeded: true };

    /// <summary>The audit record of the account's deletion, when the run finished deleting it.</summary>
    public AuditRow? Deletion { get; init; }
}
