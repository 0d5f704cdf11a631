using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Garage;

/// <summary>Builds a provider's outputs.</summary>
internal static class GarageOutputs
{
    public static ImmutableSortedDictionary<string, ResourceValue> None { get; } =
        ImmutableSortedDictionary<string, ResourceValue>.Empty.WithComparers(StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, ResourceValue> Of(
        params (string Name, ResourceValue Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
