namespace Fediversity.Bench.CriticalPath;

/// <summary>One operator's apply against the critical path of its graph, at scaled stand-in latencies.</summary>
/// <param name="Store">The state store the apply recorded its steps in.</param>
/// <param name="Scale">The factor every stand-in latency was multiplied by.</param>
/// <param name="Resources">How many resources the operator's graph has.</param>
/// <param name="CriticalPathSeconds">The longest chain of the graph at those latencies.</param>
/// <param name="Chain">The resources of that chain, first to last.</param>
/// <param name="ApplySeconds">Each timed apply's wall time, from taking the lease to recording the run.</param>
/// <param name="LoadAverage">The machine's one-minute load average after the last apply.</param>
public sealed record CriticalPathResult(
    string Store,
    double Scale,
    int Resources,
    double CriticalPathSeconds,
    IReadOnlyList<string> Chain,
    IReadOnlyList<double> ApplySeconds,
    double LoadAverage)
{
    public double MedianRatio => new Harness.Samples(ApplySeconds).Median / CriticalPathSeconds;

    public double WorstRatio => ApplySeconds.Max() / CriticalPathSeconds;

    /// <summary>The median time the apply took beyond the critical path, in milliseconds.</summary>
    public double MedianOverheadMs => (new Harness.Samples(ApplySeconds).Median - CriticalPathSeconds) * 1000;
}
