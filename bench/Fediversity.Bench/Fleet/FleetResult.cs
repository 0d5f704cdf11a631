using Fediversity.Bench.Harness;

namespace Fediversity.Bench.Fleet;

/// <summary>One fleet size, measured in a process of its own.</summary>
/// <param name="Store">The state store the size ran on.</param>
/// <param name="Operators">The operators asked for.</param>
/// <param name="Applied">The operators applied before the run budget ran out (all of them when it did not).</param>
/// <param name="Resources">The resources the applied operators have.</param>
/// <param name="ApplySeconds">The wall time of applying the applied operators from nothing.</param>
/// <param name="ApplyCounts">What those applies sent to the state store.</param>
/// <param name="PlanSeconds">Each timed pass of no-change plans over the applied operators.</param>
/// <param name="ConfigureSeconds">One pass of the configurator alone over them, which each plan pass includes.</param>
/// <param name="PlanCounts">What one plan pass sent to the state store.</param>
/// <param name="PeakMemoryMiB">The process's peak working set over the whole run.</param>
/// <param name="ApplyCpuSeconds">The processor time the applies took, all threads added.</param>
/// <param name="PlanCpuSeconds">The processor time of each timed plan pass.</param>
/// <param name="LoadAverage">The machine's one-minute load average when the applies ended.</param>
public sealed record FleetResult(
    string Store,
    int Operators,
    int Applied,
    long Resources,
    double ApplySeconds,
    StoreCounts ApplyCounts,
    IReadOnlyList<double> PlanSeconds,
    double ConfigureSeconds,
    StoreCounts PlanCounts,
    double PeakMemoryMiB,
    double ApplyCpuSeconds,
    IReadOnlyList<double> PlanCpuSeconds,
    double LoadAverage)
{
    public bool Complete => Applied == Operators;

    public double PlanMedianSeconds => new Samples(PlanSeconds).Median;

    public double ApplyMsPerResource => ApplySeconds * 1000 / Resources;

    public double PlanMsPerResource => PlanMedianSeconds * 1000 / Resources;

    public double ApplyCpuMsPerResource => ApplyCpuSeconds * 1000 / Resources;

    public double PlanCpuMsPerResource => new Samples(PlanCpuSeconds).Median * 1000 / Resources;

    public double WritesPerResource => (double)ApplyCounts.Writes / Resources;

    public double CommandsPerResource => (double)ApplyCounts.Commands / Resources;
}
