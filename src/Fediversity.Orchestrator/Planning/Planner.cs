using System.Collections.Immutable;
using Fediversity.Orchestrator.State;
using Fediversity.Resources;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Orchestrator.Planning;

/// <summary>
/// Compares a desired graph with the recorded state of its deployment and says, per address, what
/// must happen. Pure: it reads nothing but its arguments.
/// </summary>
public static class Planner
{
    public static Plan Plan(ResourceGraph desired, DeploymentState recorded, ProviderRegistry providers)
    {
        var actions = new Dictionary<ResourceAddress, StepAction>();
        var steps = ImmutableArray.CreateBuilder<PlannedStep>();
        var problems = ImmutableArray.CreateBuilder<string>();

        foreach (var resource in desired.Order)
        {
            var step = PlanOne(resource, recorded, providers, actions, problems);
            actions[resource.Address] = step.Action;
            steps.Add(step);
        }

        var deletions = recorded.Resources.Values
            .Where(r => !desired.Resources.ContainsKey(r.Address))
            .Select(r => PlanDeletion(r, recorded, desired, providers));
        steps.AddRange(deletions);

        return problems.Count > 0
            ? throw new PlanException(problems.ToImmutable())
            : new Plan(desired.Deployment, steps.ToImmutable());
    }

    private static PlannedStep PlanOne(
        DesiredResource resource,
        DeploymentState recorded,
        ProviderRegistry providers,
        Dictionary<ResourceAddress, StepAction> actions,
        ImmutableArray<string>.Builder problems)
    {
        var provider = providers.For(resource.Kind);
        var schema = provider.Schema;
        var interrupted = recorded.Interrupted.Contains(resource.Address);

        if (!recorded.Resources.TryGetValue(resource.Address, out var record))
        {
            var created = resource.Inputs
                .Select(i => new FieldChange(i.Key, null, Display(i.Value, actions, recorded), false, null));
            var reason = interrupted ? "an earlier run was interrupted while making it"
                : recorded.Drifted.GetValueOrDefault(resource.Address) ? "removed outside Fediversity; made again"
                : "new";
            return Step(resource, StepAction.Create, [.. created], reason, false);
        }

        if (record.Kind != resource.Kind)
        {
            return Step(resource, StepAction.Replace, [], $"its kind changes from {record.Kind}",
                schema.DestroyLosesData);
        }

        var changes = Diff(resource, record, schema, actions, recorded);
        if (changes.IsEmpty)
        {
            return Step(resource, StepAction.NoOp, [], "unchanged", false);
        }

        var resolved = Resolve(resource, actions, recorded);
        if (resolved is not null)
        {
            problems.AddRange(provider.CheckChange(record.Inputs, resolved)
                .Select(p => $"{resource.Address}: {p}"));
        }

        var replace = changes.Any(c => c.ForcesReplacement);
        var fields = (recorded.Drifted.ContainsKey(resource.Address) ? "changed outside Fediversity: " : "") +
            string.Join(", ", changes.Select(c => c.Field));
        return replace
            ? Step(resource, StepAction.Replace, changes, $"{fields} cannot change in place", schema.DestroyLosesData)
            : Step(resource, StepAction.Update, changes, $"{fields} changed", false);
    }

    private static ImmutableArray<FieldChange> Diff(
        DesiredResource resource,
        ResourceRecord record,
        ResourceSchema schema,
        Dictionary<ResourceAddress, StepAction> actions,
        DeploymentState recorded)
    {
        var changes = ImmutableArray.CreateBuilder<FieldChange>();
        Func<OutputReference, ResourceValue?> lookup = r => Lookup(r, actions, recorded);

        var kept = 0;
        foreach (var (field, wanted) in resource.Inputs)
        {
            if (record.Inputs.TryGetValue(field, out var before))
            {
                kept++;
            }

            var after = ValueResolver.TryResolve(wanted, lookup);
            if (before is null || after is null || !after.Equals(before))
            {
                changes.Add(Change(schema, field, before, ValueDisplay.Format(after)));
            }
        }

        // Inputs recorded but no longer wanted, looked for only when there are any.
        if (kept < record.Inputs.Count)
        {
            foreach (var (field, before) in record.Inputs.Where(i => !resource.Inputs.ContainsKey(i.Key)))
            {
                changes.Add(Change(schema, field, before, null));
            }
        }

        changes.Sort((a, b) => string.CompareOrdinal(a.Field, b.Field));
        return changes.ToImmutable();
    }

    private static FieldChange Change(ResourceSchema schema, string field, ResourceValue? before, string? afterText)
    {
        var beforeText = before is null ? null : ValueDisplay.Format(before);
        schema.UpdateNotes.TryGetValue(field, out var note);
        return new FieldChange(field, beforeText, afterText, schema.ReplaceOn.Contains(field), note);
    }

    private static PlannedStep PlanDeletion(
        ResourceRecord record, DeploymentState recorded, ResourceGraph desired, ProviderRegistry providers)
    {
        // A resource goes after everything that used it, whether those go too or only change.
        var dependents = recorded.Resources.Values
            .Where(r => r.Dependencies.Contains(record.Address))
            .Select(r => r.Address)
            .ToImmutableSortedSet();
        var losesData = providers.For(record.Kind).Schema.DestroyLosesData;
        var reason = desired.Resources.Count == 0 ? "the deployment is destroyed" : "no longer configured";
        return new PlannedStep(record.Address, record.Kind, StepAction.Delete, [], reason, losesData, dependents);
    }

    private static ImmutableSortedDictionary<string, ResourceValue>? Resolve(
        DesiredResource resource, Dictionary<ResourceAddress, StepAction> actions, DeploymentState recorded)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ResourceValue>(StringComparer.Ordinal);
        foreach (var (name, value) in resource.Inputs)
        {
            if (ValueResolver.TryResolve(value, r => Lookup(r, actions, recorded)) is not { } resolved)
            {
                return null;
            }

            builder[name] = resolved;
        }

        return builder.ToImmutable();
    }

    /// <summary>The recorded output a reference names, or null while it is not yet known.</summary>
    private static ResourceValue? Lookup(
        OutputReference reference, Dictionary<ResourceAddress, StepAction> actions, DeploymentState recorded)
    {
        if (actions.TryGetValue(reference.Address, out var action) &&
            action is StepAction.Create or StepAction.Replace)
        {
            return null;
        }

        return recorded.Resources.TryGetValue(reference.Address, out var target) &&
               target.Outputs.TryGetValue(reference.Output, out var value)
            ? value
            : null;
    }

    private static string Display(
        ResourceValue value, Dictionary<ResourceAddress, StepAction> actions, DeploymentState recorded) =>
        ValueDisplay.Format(ValueResolver.TryResolve(value, r => Lookup(r, actions, recorded)));

    private static PlannedStep Step(
        DesiredResource resource, StepAction action, ImmutableArray<FieldChange> changes, string reason,
        bool losesData) =>
        new(resource.Address, resource.Kind, action, changes, reason, losesData, resource.Dependencies)
        {
            Retained = resource.Retained,
        };
}
