namespace Fediversity.Bench.Reporting;

/// <summary>One measured figure, beside its target when it has one.</summary>
/// <param name="Benchmark">Which benchmark measured it.</param>
/// <param name="Name">What the figure is.</param>
/// <param name="Value">The figure, in <paramref name="Unit"/>.</param>
/// <param name="Unit">Its unit; empty for a count or a ratio without one.</param>
/// <param name="Target">The target as people read it, for example "&lt;= 1.05"; null for context only.</param>
/// <param name="Passed">Whether the figure meets its target; null when it has none.</param>
/// <param name="Note">What limits the figure or how it was taken, when that matters to read it.</param>
public sealed record Figure(
    string Benchmark, string Name, double Value, string Unit, string? Target, bool? Passed, string? Note = null)
{
    /// <summary>A figure that must be at most <paramref name="limit"/>.</summary>
    public static Figure AtMost(string benchmark, string name, double value, string unit, double limit,
        string? note = null) =>
        new(benchmark, name, value, unit, $"<= {limit:0.###} {unit}".TrimEnd(), value <= limit, note);

    /// <summary>A figure that must be at least <paramref name="limit"/>.</summary>
    public static Figure AtLeast(string benchmark, string name, double value, string unit, double limit,
        string? note = null) =>
        new(benchmark, name, value, unit, $">= {limit:0.###} {unit}".TrimEnd(), value >= limit, note);

    public static Figure Context(string benchmark, string name, double value, string unit, string? note = null) =>
        new(benchmark, name, value, unit, null, null, note);
}
