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
    private DependencySet? dependencies;

    /// <summary>Every resource this one needs: those its inputs refer to and those it names explicitly.</summary>
    /// <remarks>
    /// Kept once computed, with the inputs and explicit dependencies it came from: a copy made with <c>with</c>
    /// carries the kept set along, and computes its own as soon as either of those differs from the original's.
    /// </remarks>
    public ImmutableSortedSet<ResourceAddress> Dependencies
    {
        get
        {
            var known = dependencies;
            if (known is not null && ReferenceEquals(known.Inputs, Inputs) &&
                ReferenceEquals(known.DependsOn, DependsOn))
            {
                return known.All;
            }

            ImmutableSortedSet<ResourceAddress>.Builder? builder = null;
            foreach (var value in Inputs.Values)
            {
                AddReferences(value, ref builder);
            }

            var all = builder?.ToImmutable() ?? DependsOn;
            dependencies = new DependencySet(Inputs, DependsOn, all);
            return all;
        }
    }

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

    /// <summary>Adds the addresses <paramref name="value"/> refers to, walking it directly: a graph of thousands
    /// of resources is made for every plan, and nested enumerators cost more than the walk.</summary>
    private void AddReferences(ResourceValue value, ref ImmutableSortedSet<ResourceAddress>.Builder? builder)
    {
        switch (value)
        {
            case OutputReference reference:
                builder ??= DependsOn.ToBuilder();
                builder.Add(reference.Address);
                break;
            case ListValue list:
                foreach (var item in list.Items)
                {
                    AddReferences(item, ref builder);
                }

                break;
            case Template template:
                foreach (var part in template.Parts)
                {
                    AddReferences(part, ref builder);
                }

                break;
            case MapValue map:
                foreach (var entry in map.Entries.Values)
                {
                    AddReferences(entry, ref builder);
                }

                break;
            default:
                builder ??= value.References.Any() ? DependsOn.ToBuilder() : null;
                builder?.UnionWith(value.References);
                break;
        }
    }

    private sealed record DependencySet(
        ImmutableSortedDictionary<string, ResourceValue> Inputs,
        ImmutableSortedSet<ResourceAddress> DependsOn,
        ImmutableSortedSet<ResourceAddress> All);
}
