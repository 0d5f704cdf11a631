using System.Globalization;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Planning;

namespace Fediversity.Cli.Output;

/// <summary>
/// Progress for people as plain lines, one as each step starts, reports and ends: right for logs, pipes
/// and terminals that cannot redraw.
/// </summary>
public sealed class LineProgressSink(TextWriter writer) : IDeploymentEventSink
{
    private readonly Lock gate = new();

    public void Publish(DeploymentEvent deploymentEvent)
    {
        var line = deploymentEvent switch
        {
            StepStartedEvent e => $"  {PlanPrinter.Symbol(e.Action),-3} {e.Address} ... {Verb(e.Action)}",
            StepProgressEvent e => $"        {e.Address}: {e.Message}",
            StepCompletedEvent e => $"  ok  {e.Address} ({Seconds(e.DurationMs)})",
            StepFailedEvent e => $"  FAILED {e.Address}: {e.Error}",
            StepSkippedEvent e => $"  skipped {e.Address}: {e.Because}",
            _ => null,
        };

        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    public static string Verb(StepAction action) => action switch
    {
        StepAction.Create => "creating",
        StepAction.Update => "updating",
        StepAction.Replace => "replacing",
        StepAction.Delete => "deleting",
        _ => "checking",
    };

    public static string Seconds(long milliseconds) =>
        (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
