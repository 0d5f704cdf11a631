using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Tests.TestSupport;

/// <summary>Builds the sorted name-to-value maps that inputs and outputs are made of.</summary>
internal static class ValueMaps
{
    public static ImmutableSortedDictionary<string, ResourceValue> Empty { get; } =
        ImmutableSortedDictionary<string, ResourceValue>.Empty.WithComparers(StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, ResourceValue> Of(params (string Name, ResourceValue Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
