using System.Collections.Immutable;
using Fediversity.Resources;

namespace Fediversity.Orchestrator.Planning;

/// <summary>What an apply will do to one deployment, step by step.</summary>
public sealed record Plan(string Deployment, ImmutableArray<PlannedStep> Steps)
{
    public int Count(StepAction action) => Steps.Count(s => s.Action == action);

    /// <summary>Whether applying the plan changes anything.</summary>
    public bool HasChanges => Steps.Any(s => s.Action != StepAction.NoOp);

    /// <summary>Steps that destroy data, which need an explicit confirmation.</summary>
    public IEnumerable<PlannedStep> DataLosingSteps => Steps.Where(s => s.LosesData);

    /// <summary>Resources kept only to keep the data of disabled applications.</summary>
    public IEnumerable<PlannedStep> RetainedSteps => Steps.Where(s => s.Retained);

    public PlannedStep? Find(ResourceAddress address) => Steps.FirstOrDefault(s => s.Address == address);
}
