using Fediversity.Bench.CriticalPath;
using Fediversity.Bench.Fleet;
using Fediversity.Bench.LiveProgress;
using Fediversity.Bench.Workers;

namespace Fediversity.Bench.Reporting;

/// <summary>Turns measurements into figures, each beside the target it is held to.</summary>
public static class Targets
{
    public static IEnumerable<Figure> Of(CriticalPathResult result)
    {
        var critical = $"critical path, {result.Store}";
        var runs = result.ApplySeconds.Count;
        yield return Figure.Context(critical, "critical path of the graph", result.CriticalPathSeconds, "s",
            $"{result.Resources} resources, latencies x {result.Scale}");
        yield return Figure.AtMost(critical, $"apply / critical path, median of {runs}", result.MedianRatio, "x", 1.05,
            $"load average {result.LoadAverage}");
        yield return Figure.Context(critical, $"apply / critical path, worst of {runs}", result.WorstRatio, "x");
        yield return Figure.Context(critical, "time beyond the critical path, median", result.MedianOverheadMs, "ms");
    }

    public static IEnumerable<Figure> Of(IReadOnlyList<FleetResult> results)
    {
        foreach (var r in results)
        {
            var name = $"fleet {r.Operators:N0}, {r.Store}";
            var partial = r.Complete ? null : $"budget ran out: {r.Applied:N0} of {r.Operators:N0} operators applied";
            yield return Figure.Context(name, "apply from nothing", r.ApplySeconds, "s",
                partial ?? $"{r.Resources:N0} resources");
            yield return Figure.Context(name, "apply per resource", r.ApplyMsPerResource, "ms",
                $"{r.ApplyCpuMsPerResource:0.00} ms of processor time; load average {r.LoadAverage}");
            yield return r.Operators == 1_000 && r.Complete
                ? Figure.AtMost(name, "no-change plan, median", r.PlanMedianSeconds, "s", 1,
                    $"configurator alone {r.ConfigureSeconds:0.000} s")
                : Figure.Context(name, "no-change plan, median", r.PlanMedianSeconds, "s",
                    $"configurator alone {r.ConfigureSeconds:0.000} s");
            yield return Figure.Context(name, "plan per resource", r.PlanMsPerResource, "ms",
                $"{r.PlanCpuMsPerResource:0.000} ms of processor time");
            yield return Figure.Context(name, "store writes per resource", r.WritesPerResource, "",
                $"{r.CommandsPerResource:0.00} commands (round trips) per resource; " +
                $"a plan writes {r.PlanCounts.Writes}");
            yield return r.Operators == 1_000
                ? Figure.AtMost(name, "peak memory", r.PeakMemoryMiB, "MiB", 300)
                : Figure.Context(name, "peak memory", r.PeakMemoryMiB, "MiB");
        }

        if (results.Count < 2)
        {
            yield break;
        }

        var small = results.MinBy(r => r.Operators)!;
        var large = results.MaxBy(r => r.Operators)!;
        var growth = $"{small.Operators:N0} to {large.Operators:N0} operators";
        var growthName = $"fleet growth, {large.Store}";
        var note = large.Complete ? null : $"the {large.Operators:N0} size over the {large.Applied:N0} applied";
        yield return Figure.AtMost(growthName, $"apply per resource, {growth}",
            large.ApplyMsPerResource / small.ApplyMsPerResource, "x", 1.2, note);
        yield return Figure.AtMost(growthName, $"plan per resource, {growth}",
            large.PlanMsPerResource / small.PlanMsPerResource, "x", 1.2, note);
        yield return Figure.Context(growthName, $"apply processor time per resource, {growth}",
            large.ApplyCpuMsPerResource / small.ApplyCpuMsPerResource, "x", note);
        yield return Figure.Context(growthName, $"plan processor time per resource, {growth}",
            large.PlanCpuMsPerResource / small.PlanCpuMsPerResource, "x", note);
        yield return Figure.AtMost(growthName, $"writes per resource, {growth}",
            large.WritesPerResource / small.WritesPerResource, "x", 1.2, note);
    }

    public static IEnumerable<Figure> Of(LiveProgressResult r)
    {
        const string name = "live progress";
        var shape = $"{r.Clients} clients on {r.Deployments} deployments, {r.PanelWorkers} at once, " +
            $"latencies x {r.Scale}";
        yield return Figure.Context(name, "events delivered", r.Deliveries, "",
            $"{r.Measured:N0} recorded while watched; {shape}");
        yield return Figure.Context(name, "delivery latency p50", r.P50Ms, "ms",
            $"load average {r.LoadAverage}");
        yield return Figure.AtMost(name, "delivery latency p99", r.P99Ms, "ms", 250, $"longest {r.MaxMs:0} ms");
        yield return Figure.AtMost(name, "panel peak memory", r.PeakMemoryMiB, "MiB", 500,
            $"{r.PanelCpuSeconds:0.0} s of processor time over {r.Seconds:0.0} s");
        yield return Figure.AtMost(name, "clients that missed, repeated or reordered events",
            r.Inconsistent + r.Unfinished, "", 0,
            $"{r.Unfinished} never saw the end; {r.Reconnects} reconnects; {r.Failed} deployments failed");
    }

    public static IEnumerable<Figure> Of(IReadOnlyList<WorkersResult> results)
    {
        var one = results.FirstOrDefault(r => r.Workers == 1);
        foreach (var r in results)
        {
            var name = $"workers {r.Workers}";
            var partial = r.Succeeded < r.Deployments ? $"only {r.Succeeded} of {r.Deployments} succeeded; " : "";
            yield return Figure.Context(name, "deployments per minute", r.PerMinute, "/min",
                $"{partial}{r.Deployments} queued at once, {r.Concurrency} at once per worker; the workers allow " +
                $"{r.WorkerBoundPerMinute:0.0} (a {r.PathSeconds:0.0} s critical path each)");
            yield return Figure.Context(name, "deployment time, median", r.MedianDeploymentSeconds, "s",
                $"{r.MedianDeploymentSeconds / r.PathSeconds:0.00} x the critical path");
            yield return Figure.AtMost(name, "most clones at once on the node", r.MostClonesAtOnce, "",
                r.ClonesPerNode, "read from the sandbox's machine records");
            yield return Figure.Context(name, "worker processor time per deployment",
                r.WorkerProcessorSeconds * 1000 / Math.Max(1, r.Succeeded), "ms",
                $"load average {r.LoadAverage}");
            if (one is not null && r.Workers > 1 && one.PerMinute > 0)
            {
                yield return Figure.AtLeast(name, $"{r.Workers} workers / ({r.Workers} x 1 worker)",
                    r.PerMinute / (r.Workers * one.PerMinute), "", 0.8);
            }
        }
    }
}
