using System.Diagnostics;
using Fediversity.Bench.Harness;
using Fediversity.Bench.Workload;
using Fediversity.Sandbox;

namespace Fediversity.Bench.CriticalPath;

/// <summary>
/// One operator with all three applications, applied from nothing on the sandbox with stand-in latencies
/// shaped like the real services, all scaled down by one factor. The apply's wall time over the graph's
/// critical path is what the orchestrator adds to the unavoidable waiting.
/// </summary>
public static class CriticalPathBenchmark
{
    /// <summary>The real services' latencies: a Proxmox clone and start, a NixOS switch, Garage and DNS.</summary>
    public static SandboxLatency RealShaped { get; } = new(
        CloneVm: TimeSpan.FromSeconds(30),
        StartVm: TimeSpan.FromSeconds(10),
        Switch: TimeSpan.FromSeconds(60),
        StorageCall: TimeSpan.FromMilliseconds(200),
        DnsCall: TimeSpan.FromMilliseconds(50));

    public static async Task<CriticalPathResult> RunAsync(
        BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var latency = RealShaped.Scaled(options.Scale);
        var graph = BenchWorld.Graph("bench");
        var (length, chain) = CriticalPathModel.Compute(graph, latency.OfCreate);
        log.WriteLine($"critical path: {graph.Resources.Count} resources, {length.TotalSeconds:0.000} s at scale " +
            $"{options.Scale}: {string.Join(" -> ", chain)}");

        var samples = await Samples.TakeAsync(options.Warmups, options.Repetitions, async i =>
        {
            await using var world = await BenchWorld.OpenAsync(options.WorkFolder, options.Store, latency,
                cancellationToken);
            var sink = new TimelineSink();
            var stopwatch = Stopwatch.StartNew();
            var result = await world.ApplyAsync(graph, sink, cancellationToken);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("the critical-path apply failed; see the sandbox's records");
            }

            log.WriteLine($"  {(i < 0 ? "warm-up" : $"run {i + 1}")}: {seconds:0.000} s " +
                $"({seconds / length.TotalSeconds:0.000} x)");
            if (options.Trace && i >= 0)
            {
                sink.WriteTo(log);
            }

            return seconds;
        });

        return new CriticalPathResult(options.Store.Name, options.Scale, graph.Resources.Count,
            length.TotalSeconds, [.. chain.Select(a => a.Value)], samples.Seconds, ProcessorTime.LoadAverage());
    }
}
