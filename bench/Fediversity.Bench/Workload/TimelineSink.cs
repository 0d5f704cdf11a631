using System.Collections.Concurrent;
using System.Diagnostics;
using Fediversity.Orchestrator.Events;

namespace Fediversity.Bench.Workload;

/// <summary>
/// Notes when each event of a run arrived, from the sink's creation, so that the time a run spends
/// between its steps can be read off a single apply.
/// </summary>
public sealed class TimelineSink : IDeploymentEventSink
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(double Ms, string What)> entries = new();

    public void Publish(DeploymentEvent deploymentEvent)
    {
        var what = deploymentEvent switch
        {
            StepStartedEvent e => $"started   {e.Address}",
            StepProgressEvent e => $"progress  {e.Address}: {e.Message}",
            StepCompletedEvent e => $"completed {e.Address} ({e.DurationMs} ms in the step)",
            _ => deploymentEvent.GetType().Name,
        };
        entries.Enqueue((clock.Elapsed.TotalMilliseconds, what));
    }

    public void WriteTo(TextWriter output)
    {
        foreach (var (ms, what) in entries.OrderBy(e => e.Ms))
        {
            output.WriteLine($"    {ms,8:0.0} ms  {what}");
        }
    }
}
