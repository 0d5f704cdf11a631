using Fediversity.Bench.Harness;

namespace Fediversity.Bench.Workers;

/// <summary>
/// Deployments through the panel's job queue with 1, 2 and 4 worker processes sharing PostgreSQL: every
/// operator's deployment queued at once, with stand-in latencies shaped like the real services. Each worker
/// count runs on databases and a sandbox of its own.
/// </summary>
public static class WorkersBenchmark
{
    public static async Task<IReadOnlyList<WorkersResult>> RunAsync(
        BenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var results = new List<WorkersResult>();
        foreach (var workers in options.WorkerCounts)
        {
            log.WriteLine($"workers: {options.Deployments} deployments, {workers} worker process(es) running " +
                $"{options.WorkerConcurrency} each, latencies x {options.WorkerScale}, " +
                $"{options.ClonesPerNodeFor(options.WorkerCounts.Max())} clones per node");
            if (await WorkersRun.RunAsync(options, workers, log, cancellationToken) is { } result)
            {
                log.WriteLine($"  {result.Succeeded} of {result.Deployments} in {result.Seconds:0.0} s: " +
                    $"{result.PerMinute:0.0} a minute (the workers allow {result.WorkerBoundPerMinute:0.0}); " +
                    $"at most {result.MostClonesAtOnce} clones at once; workers used " +
                    $"{result.WorkerProcessorSeconds:0.0} s of processor time");
                results.Add(result);
            }
        }

        return results;
    }
}
