namespace Fediversity.Bench.Workers;

/// <summary>
/// One run of the job queue: every deployment queued at once, run by <paramref name="Workers"/> panels.
/// </summary>
/// <param name="Workers">How many worker processes ran the deployments.</param>
/// <param name="Concurrency">How many deployments each worker ran at once (<c>Panel:Workers</c>).</param>
/// <param name="Deployments">How many deployments were queued, one per operator.</param>
/// <param name="Succeeded">How many ended well within the run's budget.</param>
/// <param name="Seconds">From queueing them all to the last one's end.</param>
/// <param name="MedianDeploymentSeconds">The median time from a deployment's start to its end.</param>
/// <param name="PathSeconds">The critical path of one deployment at the run's latencies: its least time.</param>
/// <param name="ClonesPerNode">The sandbox node's clone limit.</param>
/// <param name="MostClonesAtOnce">The most clones that overlapped on the node, read from its machines' records.</param>
/// <param name="WorkerProcessorSeconds">Processor time the worker processes used, together.</param>
/// <param name="LoadAverage">The machine's one-minute load average at the end.</param>
public sealed record WorkersResult(
    int Workers,
    int Concurrency,
    int Deployments,
    int Succeeded,
    double Seconds,
    double MedianDeploymentSeconds,
    double PathSeconds,
    int ClonesPerNode,
    int MostClonesAtOnce,
    double WorkerProcessorSeconds,
    double LoadAverage)
{
    public double PerMinute => Seconds > 0 ? Succeeded * 60 / Seconds : 0;

    /// <summary>The most the workers allow: each of their slots turning over a deployment per critical path.</summary>
    public double WorkerBoundPerMinute => Workers * Concurrency * 60 / PathSeconds;
}
