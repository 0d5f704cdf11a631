using Fediversity.Bench.CriticalPath;
using Fediversity.Bench.Fleet;
using Fediversity.Bench.LiveProgress;
using Fediversity.Bench.Workers;

namespace Fediversity.Bench.Reporting;

/// <summary>Everything one run measured: the figures against their targets and the measurements behind them.</summary>
public sealed record BenchReport(
    DateTimeOffset At,
    Machine Machine,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<CriticalPathResult> CriticalPath,
    IReadOnlyList<FleetResult> Fleet,
    IReadOnlyList<WorkersResult> Workers)
{
    /// <summary>The live-progress run, when it ran.</summary>
    public LiveProgressResult? LiveProgress { get; init; }

    public bool AllPassed => Figures.All(f => f.Passed != false);
}
