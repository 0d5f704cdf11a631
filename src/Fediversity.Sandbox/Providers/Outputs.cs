using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Sandbox.Providers;

/// <summary>Builds a provider's outputs.</summary>
internal static class Outputs
{
    public static ImmutableSortedDictionary<string, ResourceValue> Of(params (string Name, ResourceValue Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, ResourceValue> None { get; } =
        ImmutableSortedDictionary<string, ResourceValue>.Empty.WithComparers(StringComparer.Ordinal);
}
