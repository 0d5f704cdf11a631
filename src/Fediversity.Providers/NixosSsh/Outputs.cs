using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.NixosSsh;

/// <summary>Builds a provider's outputs.</summary>
internal static class Outputs
{
    public static ImmutableSortedDictionary<string, ResourceValue> Of(
        params (string Name, ResourceValue Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
