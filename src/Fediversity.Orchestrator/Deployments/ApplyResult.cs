using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Planning;

namespace Fediversity.Orchestrator.Deployments;

/// <summary>How an apply ended: the plan, and the summary when it ran.</summary>
public sealed record ApplyResult(Plan Plan, SummaryEvent? Summary)
{
    public bool Declined => Summary is null;

    public bool Succeeded => Summary is { Succeeded: true };
}
