using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Resources.Graph;

/// <summary>One resource as the cluster configurator wants it.</summary>
/// <param name="Address">Its stable name.</param>
/// <param name="Kind">Which provider makes it, for example <c>vm</c>.</param>
/// <param name="Inputs">What it should be; may refer to other resources' outputs.</param>
/// <param name="DependsOn">Resources that must exist first although no input refers to them.</param>
public sealed record DesiredResource(
    ResourceAddress Address,
    string Kind,
    ImmutableSortedDictionary<string, ResourceValue> Inputs,
    ImmutableSortedSet<ResourceAddress> DependsOn)
{
    /// <summary>Every resource this one needs: those its inputs refer to and those it names explicitly.</summary>
    /// <remarks>Computed on each read, so that a copy made with <c>with</c> never keeps the original's.</remarks>
    public ImmutableSortedSet<ResourceAddress> Dependencies =>
        DependsOn.Union(Inputs.Values.SelectMany(v => v.References));

    /// <summary>
    /// Whether the resource is kept only to keep data: its application is disabled and the operator chose to
    /// keep the data, which waits detached from any machine until the application is enabled again.
    /// </summary>
    public bool Retained { get; init; }

    public bool Equals(DesiredResource? other) =>
        other is not null && Address == other.Address && Kind == other.Kind && Retained == other.Retained &&
        Inputs.Count == other.Inputs.Count &&
        Inputs.All(i => other.Inputs.TryGetValue(i.Key, out var v) && v.Equals(i.Value)) &&
        DependsOn.SetEquals(other.DependsOn);

    public override int GetHashCode() => Address.GetHashCode();
}
