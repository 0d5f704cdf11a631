using System.Collections.Immutable;
using Fediversity.Resources.Values;

namespace Fediversity.Resources.Providers;

/// <summary>A resource as its provider sees it now.</summary>
public sealed record ResourceReading(
    ImmutableSortedDictionary<string, ResourceValue> Inputs,
    ImmutableSortedDictionary<string, ResourceValue> Outputs);
