using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Resources.Providers;

/// <summary>What a provider receives to create or update a resource.</summary>
/// <param name="Address">The resource's address.</param>
/// <param name="Inputs">Its inputs, every reference already resolved.</param>
/// <param name="PriorOutputs">On update, the outputs recorded for it; on create, empty.</param>
/// <param name="Reporter">Where to report progress.</param>
public sealed record ResourceRequest(
    ResourceAddress Address,
    ImmutableSortedDictionary<string, ResourceValue> Inputs,
    ImmutableSortedDictionary<string, ResourceValue> PriorOutputs,
    IStepReporter Reporter)
{
    public string Text(string name) => Inputs.TryGetValue(name, out var v) && v is TextValue t
        ? t.Text
        : throw new InvalidOperationException($"{Address}: input '{name}' is missing or not text.");

    public long Number(string name) => Inputs.TryGetValue(name, out var v) && v is NumberValue n
        ? n.Number
        : throw new InvalidOperationException($"{Address}: input '{name}' is missing or not a number.");

    public bool Flag(string name) => Inputs.TryGetValue(name, out var v) && v is FlagValue f
        ? f.Flag
        : throw new InvalidOperationException($"{Address}: input '{name}' is missing or not a flag.");

    public Secret Secret(string name) => Inputs.TryGetValue(name, out var v) && v is SecretValue s
        ? s.Secret
        : throw new InvalidOperationException($"{Address}: input '{name}' is missing or not a secret.");

    public string? OptionalText(string name) => Inputs.TryGetValue(name, out var v) && v is TextValue t ? t.Text : null;
}
