using System.Collections.Immutable;
using Fediversity.Orchestrator.Planning;

namespace Fediversity.Orchestrator.Refresh;

/// <summary>A resource found to differ from its record when it was read back from its provider.</summary>
/// <param name="Address">The resource.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Gone">Whether it no longer exists at all.</param>
/// <param name="Changes">The inputs that differ: before is the record, after what the provider reports.</param>
public sealed record Drift(string Address, string Kind, bool Gone, ImmutableArray<FieldChange> Changes)
{
    /// <summary>A short sentence for people.</summary>
    public string Describe() => Gone
        ? "gone: removed outside Fediversity"
        : "changed outside Fediversity: " + string.Join(", ", Changes.Select(c => $"{c.Field} {c.Before} -> {c.After}"));
}
