using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.PowerDns;

/// <summary>Reading the providers' inputs and writing their outputs.</summary>
internal static class PowerDnsValues
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

    /// <summary>
    /// What the server holds, spelled as the inputs spell it when both mean the same records (in any
    /// order, with or without trailing dots), so that only a real change shows as drift.
    /// </summary>
    public static IReadOnlyList<string> AsSpelled(
        IReadOnlyList<string> desired, IReadOnlyList<string> actual, Func<string, string> canonical)
    {
        var wanted = desired.Select(canonical).Order(StringComparer.OrdinalIgnoreCase);
        var found = actual.Select(canonical).Order(StringComparer.OrdinalIgnoreCase);
        return wanted.SequenceEqual(found, StringComparer.OrdinalIgnoreCase)
            ? desired
            : [.. actual.Order(StringComparer.Ordinal)];
    }
}
