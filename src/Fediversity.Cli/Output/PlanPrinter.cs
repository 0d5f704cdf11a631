using Fediversity.Orchestrator.Planning;

namespace Fediversity.Cli.Output;

/// <summary>Writes a plan as a readable diff.</summary>
public static class PlanPrinter
{
    public static void Print(TextWriter writer, Plan plan, string environment)
    {
        writer.WriteLine(
            $"Plan for '{plan.Deployment}' in environment '{environment}': " +
            $"{plan.Count(StepAction.Create)} to create, {plan.Count(StepAction.Update)} to update, " +
            $"{plan.Count(StepAction.Replace)} to replace, {plan.Count(StepAction.Delete)} to delete, " +
            $"{plan.Count(StepAction.NoOp)} unchanged.");

        if (!plan.HasChanges)
        {
            writer.WriteLine("No changes: everything is as configured.");
            return;
        }

        writer.WriteLine();
        foreach (var step in plan.Steps.Where(s => s.Action != StepAction.NoOp))
        {
            var warning = step.LosesData ? "  [DESTROYS DATA]" : "";
            writer.WriteLine($"  {Symbol(step.Action)} {step.Address} ({step.Kind}): {step.Reason}{warning}");
            foreach (var change in step.Changes)
            {
                writer.WriteLine("      " + Describe(step.Action, change));
            }
        }

        var kept = plan.RetainedSteps.Where(s => s.Kind == "s3-bucket").ToList();
        if (kept.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Data kept for disabled applications (enabling them again reattaches it):");
            foreach (var step in kept)
            {
                writer.WriteLine($"  = {step.Address}");
            }
        }

        var losing = plan.DataLosingSteps.ToList();
        if (losing.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine($"Data will be lost by {losing.Count} step(s):");
            foreach (var step in losing)
            {
                writer.WriteLine($"  ! {step.Address} ({step.Action.ToString().ToLowerInvariant()})");
            }
        }

        writer.WriteLine();
    }

    public static string Symbol(StepAction action) => action switch
    {
        StepAction.Create => "+",
        StepAction.Update => "~",
        StepAction.Replace => "-/+",
        StepAction.Delete => "-",
        _ => " ",
    };

    private static string Describe(StepAction action, FieldChange change)
    {
        var note = change.ForcesReplacement ? "  (forces replacement)" : change.Note is { } n ? $"  ({n})" : "";
        return (action, change.Before, change.After) switch
        {
            (StepAction.Create, _, var after) => $"{change.Field} = {after}",
            (_, null, var after) => $"{change.Field}: (none) -> {after}{note}",
            (_, var before, null) => $"{change.Field}: {before} -> (removed){note}",
            (_, var before, var after) => $"{change.Field}: {before} -> {after}{note}",
        };
    }
}
