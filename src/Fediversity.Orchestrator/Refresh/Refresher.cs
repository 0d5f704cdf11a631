using System.Collections.Immutable;
using Fediversity.Orchestrator.Planning;
using Fediversity.Orchestrator.State;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Orchestrator.Refresh;

/// <summary>
/// Reads every recorded resource of a deployment back from its provider and records what it finds:
/// a resource that is gone leaves the state (so the next plan makes it again), a changed one is
/// recorded as it now is (so the next plan changes it back). What differed is kept as drift until a
/// step next touches the resource.
/// </summary>
public sealed class Refresher(StateStore store, ProviderRegistry providers)
{
    public async Task<ImmutableArray<Drift>> RefreshAsync(string deployment, CancellationToken cancellationToken)
    {
        var recorded = await store.LoadAsync(deployment, cancellationToken);
        var readings = await Task.WhenAll(recorded.Resources.Values.Select(async record =>
            (Record: record, Reading: await providers.For(record.Kind).ReadAsync(record, cancellationToken))));

        var drifts = ImmutableArray.CreateBuilder<Drift>();
        foreach (var (record, reading) in readings)
        {
            if (reading is null)
            {
                drifts.Add(new Drift(record.Address.Value, record.Kind, Gone: true, []));
                await store.CompleteStepAsync(deployment, record.Address, null, cancellationToken);
                continue;
            }

            var changes = Differences(record.Inputs, reading.Inputs);
            if (!changes.IsEmpty)
            {
                drifts.Add(new Drift(record.Address.Value, record.Kind, Gone: false, changes));
                await store.CompleteStepAsync(deployment, record.Address,
                    record with { Inputs = reading.Inputs, Outputs = reading.Outputs }, cancellationToken);
            }
            else if (!reading.Outputs.SequenceEqual(record.Outputs))
            {
                // Only what the provider reports changed, such as a bucket's size: recorded, not drift.
                await store.CompleteStepAsync(deployment, record.Address, record with { Outputs = reading.Outputs },
                    cancellationToken);
            }
        }

        var found = drifts.ToImmutable();
        await store.ReplaceDriftAsync(deployment, found, cancellationToken);
        return found;
    }

    private static ImmutableArray<FieldChange> Differences(
        ImmutableSortedDictionary<string, ResourceValue> recorded, ImmutableSortedDictionary<string, ResourceValue> now) =>
    [
        .. recorded.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(k => !Equals(recorded.GetValueOrDefault(k), now.GetValueOrDefault(k)))
            .Select(k => new FieldChange(k, Show(recorded.GetValueOrDefault(k)), Show(now.GetValueOrDefault(k)), false, null)),
    ];

    private static string? Show(ResourceValue? value) => value is null ? null : ValueDisplay.Format(value);
}
