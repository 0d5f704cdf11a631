using System.Text.Json;
using Fediversity.Cli.Output;
using Fediversity.Orchestrator.Events;
using Fediversity.Panel.Data;
using Fediversity.Panel.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Fediversity.Panel.Deployments;

/// <summary>Rebuilds a deployment's progress from its stored events.</summary>
internal sealed class DeploymentProgressReader(PanelDbContext db, PanelOrchestrator orchestrator, TimeProvider time)
{
    private const int LinesShown = 5;

    public async Task<DeploymentProgress> ReadAsync(DeploymentRecord record, CancellationToken cancellationToken)
    {
        var rows = await db.DeploymentEvents.AsNoTracking()
            .Where(e => e.DeploymentId == record.Id)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

        var steps = new Dictionary<string, StepLine>();
        var order = new List<string>();
        var lines = new Dictionary<string, List<string>>();
        var log = new List<string>();
        foreach (var row in rows)
        {
            var parsed = Parse(row);
            log.Add($"{row.At:HH:mm:ss} {Describe(parsed, row)}");
            Apply(parsed, steps, order, lines);
        }

        var shown = order.Select(a => steps[a] with
        {
            LatestLines = lines.TryGetValue(a, out var l) ? [.. l.TakeLast(LinesShown)] : [],
        }).ToList();
        var (percent, estimate) = Estimate(record, shown);
        return new DeploymentProgress(record, shown, percent, estimate, log, rows.Count > 0 ? rows[^1].Id : 0);
    }

    private static DeploymentEvent? Parse(DeploymentEventRow row)
    {
        if (row.Type == "note")
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DeploymentEvent>(row.Json, JsonOutput.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Apply(
        DeploymentEvent? e, Dictionary<string, StepLine> steps, List<string> order, Dictionary<string, List<string>> lines)
    {
        switch (e)
        {
            case PlanReadyEvent plan:
                foreach (var step in plan.Steps.Where(s => !steps.ContainsKey(s.Address)))
                {
                    order.Add(step.Address);
                    steps[step.Address] = new StepLine(step.Address, StepTitles.For(step.Address, step.Kind, step.Action),
                        step.Kind, "waiting") { LosesData = step.LosesData };
                }

                break;
            case StepStartedEvent started when steps.TryGetValue(started.Address, out var line):
                steps[started.Address] = line with { State = "running" };
                break;
            case StepProgressEvent progress:
                if (!lines.TryGetValue(progress.Address, out var list))
                {
                    lines[progress.Address] = list = [];
                }

                list.Add(progress.Message);
                break;
            case StepCompletedEvent done when steps.TryGetValue(done.Address, out var line):
                steps[done.Address] = line with { State = "done", DurationMs = done.DurationMs };
                break;
            case StepFailedEvent failed when steps.TryGetValue(failed.Address, out var line):
                steps[failed.Address] = line with { State = "failed", Error = failed.Error };
                break;
            case StepSkippedEvent skipped when steps.TryGetValue(skipped.Address, out var line):
                steps[skipped.Address] = line with { State = "skipped", Error = skipped.Because };
                break;
            default:
                break;
        }
    }

    private static string Describe(DeploymentEvent? e, DeploymentEventRow row) => e switch
    {
        PlanReadyEvent p => $"Plan ready: {p.Create} to create, {p.Update} to update, {p.Replace} to replace, " +
            $"{p.Delete} to remove, {p.Unchanged} unchanged.",
        StepStartedEvent s => $"Started {s.Address}",
        StepProgressEvent s => $"{s.Address}: {s.Message}",
        StepCompletedEvent s => $"Done {s.Address} ({s.DurationMs} ms)",
        StepFailedEvent s => $"Failed {s.Address}: {s.Error}",
        StepSkippedEvent s => $"Skipped {s.Address}: {s.Because}",
        SummaryEvent s => $"Finished: {s.Created} created, {s.Updated} updated, {s.Replaced} replaced, " +
            $"{s.Deleted} removed, {s.Failed} failed, {s.Skipped} skipped in {s.DurationMs / 1000.0:0.0} s.",
        _ => JsonDocument.Parse(row.Json).RootElement.TryGetProperty("message", out var m)
            ? m.GetString() ?? row.Type
            : row.Type,
    };

    /// <summary>
    /// The share of the expected work done, each step weighed by how long its kind usually takes, and the time
    /// left at the pace so far.
    /// </summary>
    private (int Percent, string Estimate) Estimate(DeploymentRecord record, IReadOnlyList<StepLine> steps)
    {
        if (record.Status == DeploymentStatus.Succeeded)
        {
            return (100, "Finished");
        }

        if (record.Status == DeploymentStatus.Failed)
        {
            return (Percent(steps), "Stopped");
        }

        if (record.Status == DeploymentStatus.Queued || record.StartedAt is null || steps.Count == 0)
        {
            return (0, "Waiting to start");
        }

        var total = steps.Sum(s => Weight(s.Kind));
        var done = steps.Where(s => s.State is "done" or "failed" or "skipped").Sum(s => Weight(s.Kind));
        var fraction = total == 0 ? 0 : done / total;
        var elapsed = (time.GetUtcNow() - record.StartedAt.Value).TotalSeconds;
        if (fraction <= 0.02)
        {
            return (Percent(steps), "Estimating the time left…");
        }

        var left = TimeSpan.FromSeconds(Math.Max(1, elapsed * (1 - fraction) / fraction));
        var words = left.TotalMinutes >= 1 ? $"about {Math.Ceiling(left.TotalMinutes)} min left" : $"about {Math.Ceiling(left.TotalSeconds)} s left";
        return (Percent(steps), words);
    }

    private double Weight(string kind) => StepTitles.ExpectedSeconds(kind, orchestrator.Environment);

    private int Percent(IReadOnlyList<StepLine> steps)
    {
        var total = steps.Sum(s => Weight(s.Kind));
        var done = steps.Where(s => s.State is "done").Sum(s => Weight(s.Kind));
        return total == 0 ? 0 : (int)Math.Floor(100 * done / total);
    }
}
