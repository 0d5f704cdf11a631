using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Rfc2136;

/// <summary>Reading the providers' inputs and writing their outputs.</summary>
internal static class Rfc2136Values
{
    public static ImmutableSortedDictionary<string, ResourceValue> NoOutputs { get; } =
        ImmutableSortedDictionary<string, ResourceValue>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The texts of a list input; an absent input is an empty list.</summary>
    public static IReadOnlyList<string> Texts(IReadOnlyDictionary<string, ResourceValue> inputs, string name) =>
        inputs.GetValueOrDefault(name) switch
        {
            ListValue list => [.. list.Items.OfType<TextValue>().Select(t => t.Text)],
            TextValue one => [one.Text],
            _ => [],
        };
}
