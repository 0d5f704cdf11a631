using System.Collections.Concurrent;
using System.Diagnostics;
using Fediversity.Bench.Harness;
using Fediversity.Bench.Workload;
using Fediversity.Sandbox;

namespace Fediversity.Bench.Fleet;

/// <summary>
/// One fleet size in this process: every operator applied from nothing on the zero-latency sandbox, then
/// planned again with nothing changed, counting what reaches the state store.
/// </summary>
public static class FleetRun
{
    private const int WarmupOperators = 4;

    /// <summary>
    /// Operators planned together by one fleet-wide plan call: enough that the store's three queries are shared by
    /// many, few enough that the batches in flight stay small beside the peak memory target.
    /// </summary>
    private const int PlanBatch = 25;

    public static async Task<FleetResult> RunAsync(
        BenchOptions options, int operators, TextWriter log, CancellationToken cancellationToken)
    {
        await WarmUpAsync(options, cancellationToken);

        await using var world = await BenchWorld.OpenAsync(
            options.WorkFolder, options.Store, SandboxLatency.None, cancellationToken, removeWhenDone: false);
        using var counter = new StoreWriteCounter(Path.GetFileName(world.Folder));

        var before = counter.Counts;
        var cpu = ProcessorTime.Seconds();
        var (applied, resources, applySeconds) = await ApplyAllAsync(world, options, operators, log, cancellationToken);
        var applyCounts = counter.Counts - before;
        var applyCpu = ProcessorTime.Seconds() - cpu;
        var load = ProcessorTime.LoadAverage();
        log.WriteLine($"  applied {applied.Count} of {operators} operators ({resources} resources) in " +
            $"{applySeconds:0.0} s ({applyCpu:0.0} s of processor time, load {load}); {applyCounts.Writes} writes, " +
            $"{applyCounts.Commands} commands");

        var configureSeconds = await TimeAsync(applied, options, (slug, _) =>
        {
            GC.KeepAlive(BenchWorld.Graph(slug));
            return Task.CompletedTask;
        }, cancellationToken);

        var planSeconds = new List<double>();
        var planCpu = new List<double>();
        var planCounts = counter.Counts;
        for (var pass = 0; pass < options.PlanRepetitions; pass++)
        {
            var start = counter.Counts;
            cpu = ProcessorTime.Seconds();
            planSeconds.Add(await TimeAsync(PlanBatches(applied), options,
                (batch, token) => PlanUnchangedAsync(world, batch, token), cancellationToken));
            planCounts = counter.Counts - start;
            planCpu.Add(ProcessorTime.Seconds() - cpu);
            log.WriteLine($"  no-change plan pass {pass + 1}: {planSeconds[^1]:0.000} s");
        }

        return new FleetResult(options.Store.Name, operators, applied.Count, resources, applySeconds, applyCounts,
            planSeconds, configureSeconds, planCounts, PeakMemory.MiB(), applyCpu, planCpu, load);
    }

    /// <summary>A few operators in a world of their own first, so that the JIT and EF Core's model are ready.</summary>
    private static async Task WarmUpAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        await using var world = await BenchWorld.OpenAsync(
            options.WorkFolder, options.Store, SandboxLatency.None, cancellationToken);
        for (var i = 0; i < WarmupOperators; i++)
        {
            var graph = BenchWorld.Graph($"warm{i}");
            await world.ApplyAsync(graph, new CountingSink(), cancellationToken);
            await world.Runner.PlanAsync(graph, cancellationToken);
        }

        var warm = Enumerable.Range(0, WarmupOperators).Select(i => BenchWorld.Graph($"warm{i}")).ToList();
        await world.Runner.PlanManyAsync(warm, cancellationToken);
    }

    private static async Task<(IReadOnlyList<string> Applied, long Resources, double Seconds)> ApplyAllAsync(
        BenchWorld world, BenchOptions options, int operators, TextWriter log, CancellationToken cancellationToken)
    {
        var applied = new ConcurrentBag<string>();
        long resources = 0;
        var budget = TimeSpan.FromSeconds(options.BudgetSeconds);
        var stopwatch = Stopwatch.StartNew();
        var progress = Stopwatch.StartNew();

        await Parallel.ForEachAsync(
            Enumerable.Range(0, operators),
            Bounded(options, cancellationToken),
            async (index, token) =>
            {
                if (stopwatch.Elapsed > budget)
                {
                    return;
                }

                var slug = OperatorFactory.Slug(index);
                var graph = BenchWorld.Graph(slug);
                var result = await world.ApplyAsync(graph, new CountingSink(), token);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"the apply of operator '{slug}' failed");
                }

                applied.Add(slug);
                Interlocked.Add(ref resources, graph.Resources.Count);
                lock (progress)
                {
                    if (progress.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        log.WriteLine(
                            $"  ... {applied.Count} operators applied after {stopwatch.Elapsed.TotalSeconds:0} s");
                        progress.Restart();
                    }
                }
            });

        return ([.. applied.Order(StringComparer.Ordinal)], resources, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The fleet in batches of <see cref="PlanBatch"/> operators, planned as many at once as operators were applied:
    /// a fleet-wide plan reads a batch's recorded state together, and holds only the batches in flight in memory.
    /// </summary>
    private static IEnumerable<string[]> PlanBatches(IReadOnlyList<string> slugs) => slugs.Chunk(PlanBatch);

    private static async Task PlanUnchangedAsync(
        BenchWorld world, IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        var graphs = slugs.Select(BenchWorld.Graph).ToList();
        var plans = await world.Runner.PlanManyAsync(graphs, cancellationToken);
        if (plans.FirstOrDefault(p => p.HasChanges) is { } changed)
        {
            throw new InvalidOperationException(
                $"operator '{changed.Deployment}' plans changes right after its apply");
        }
    }

    private static async Task<double> TimeAsync<T>(
        IEnumerable<T> items, BenchOptions options, Func<T, CancellationToken, Task> each,
        CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            items,
            Bounded(options, cancellationToken),
            async (item, token) => await each(item, token));
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static ParallelOptions Bounded(BenchOptions options, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = options.OperatorParallelism, CancellationToken = cancellationToken };
}
