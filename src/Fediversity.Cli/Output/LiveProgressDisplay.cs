using System.Collections.Concurrent;
using Fediversity.Orchestrator.Events;
using Fediversity.Orchestrator.Planning;
using Spectre.Console;

namespace Fediversity.Cli.Output;

/// <summary>
/// Progress for people at an interactive terminal: a table with a line per step that is redrawn in place,
/// showing each step's state, its latest progress line and how long it has taken.
/// </summary>
public sealed class LiveProgressDisplay(IAnsiConsole console, TimeProvider time) : IDeploymentEventSink
{
    private readonly ConcurrentDictionary<string, Row> rows = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    public void Publish(DeploymentEvent deploymentEvent)
    {
        switch (deploymentEvent)
        {
            case PlanReadyEvent plan:
                foreach (var step in plan.Steps)
                {
                    if (rows.TryAdd(step.Address, new Row(step.Action)))
                    {
                        order.Enqueue(step.Address);
                    }
                }

                break;
            case StepStartedEvent e:
                Update(e.Address, r => r with { State = "running", Started = time.GetUtcNow() });
                break;
            case StepProgressEvent e:
                Update(e.Address, r => r with { Message = e.Message });
                break;
            case StepCompletedEvent e:
                Update(e.Address, r => r with { State = "done", Message = LineProgressSink.Seconds(e.DurationMs) });
                break;
            case StepFailedEvent e:
                Update(e.Address, r => r with { State = "failed", Message = e.Error });
                break;
            case StepSkippedEvent e:
                Update(e.Address, r => r with { State = "skipped", Message = e.Because });
                break;
        }
    }

    /// <summary>Runs <paramref name="work"/> while the table redraws itself, and leaves the final table on screen.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        T result = default!;
        await console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            var running = work();
            while (!running.IsCompleted)
            {
                context.UpdateTarget(Render());
                await Task.WhenAny(running, Task.Delay(150));
            }

            context.UpdateTarget(Render());
            result = await running;
        });
        return result;
    }

    private void Update(string address, Func<Row, Row> change) =>
        rows.AddOrUpdate(address, _ => change(new Row(StepAction.NoOp)), (_, row) => change(row));

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("").AddColumn("step").AddColumn("progress");
        foreach (var address in order)
        {
            var row = rows[address];
            var (icon, colour) = row.State switch
            {
                "running" => ("..", "yellow"),
                "done" => ("ok", "green"),
                "failed" => ("!!", "red"),
                "skipped" => ("--", "grey"),
                _ => ("  ", "grey"),
            };
            var elapsed = row.State == "running" && row.Started is { } started
                ? $" ({LineProgressSink.Seconds((long)(time.GetUtcNow() - started).TotalMilliseconds)})"
                : "";
            table.AddRow(
                $"[{colour}]{icon}[/]",
                Markup.Escape($"{PlanPrinter.Symbol(row.Action)} {address}"),
                Markup.Escape((row.Message ?? "") + elapsed));
        }

        return table;
    }

    private sealed record Row(StepAction Action)
    {
        public string State { get; init; } = "waiting";

        public string? Message { get; init; }

        public DateTimeOffset? Started { get; init; }
    }
}
