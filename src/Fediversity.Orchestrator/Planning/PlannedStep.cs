using System.Collections.Immutable;
using Fediversity.Resources;

namespace Fediversity.Orchestrator.Planning;

/// <summary>One step of a plan: a resource, what happens to it, and why.</summary>
/// <param name="Address">The resource.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Action">What happens to it.</param>
/// <param name="Changes">The inputs that differ.</param>
/// <param name="Reason">Why, in a few words.</param>
/// <param name="LosesData">Whether the step destroys data.</param>
/// <param name="DependsOn">Steps that must end before this one starts.</param>
public sealed record PlannedStep(
    ResourceAddress Address,
    string Kind,
    StepAction Action,
    ImmutableArray<FieldChange> Changes,
    string Reason,
    bool LosesData,
    ImmutableSortedSet<ResourceAddress> DependsOn)
{
    /// <summary>Whether the resource is kept only to keep the data of a disabled application.</summary>
    public bool Retained { get; init; }
}
