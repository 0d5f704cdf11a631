using System.Collections.Immutable;
using Fediversity.Resources;
using Fediversity.Resources.Graph;
using Fediversity.Resources.Values;

namespace Fediversity.Configurator;

/// <summary>A small builder for a resource's inputs.</summary>
internal sealed class Inputs
{
    private readonly ImmutableSortedDictionary<string, ResourceValue>.Builder values =
        ImmutableSortedDictionary.CreateBuilder<string, ResourceValue>(StringComparer.Ordinal);

    public Inputs Set(string name, string value) => Set(name, ResourceValue.Of(value));

    public Inputs Set(string name, long value) => Set(name, ResourceValue.Of(value));

    public Inputs Set(string name, bool value) => Set(name, ResourceValue.Of(value));

    public Inputs Set(string name, ResourceValue value)
    {
        values[name] = value;
        return this;
    }

    public Inputs Ref(string name, ResourceAddress address, string output) =>
        Set(name, new OutputReference(address, output));

    public DesiredResource Resource(ResourceAddress address, string kind, params ResourceAddress[] dependsOn) =>
        new(address, kind, values.ToImmutable(), [.. dependsOn]);
}
