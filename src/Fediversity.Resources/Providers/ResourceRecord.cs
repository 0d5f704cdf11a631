using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Resources.Providers;

/// <summary>A resource as the state store last recorded it.</summary>
public sealed record ResourceRecord(
    ResourceAddress Address,
    string Kind,
    ImmutableSortedDictionary<string, ResourceValue> Inputs,
    ImmutableSortedDictionary<string, ResourceValue> Outputs,
    ImmutableSortedSet<ResourceAddress> Dependencies)
{
    /// <summary>Whether the resource is kept only to keep the data of a disabled application.</summary>
    public bool Retained { get; init; }

    public string? Output(string name) => Outputs.TryGetValue(name, out var v) && v is TextValue t ? t.Text : null;

    public string? Input(string name) => Inputs.TryGetValue(name, out var v) && v is TextValue t ? t.Text : null;
}
