using System.Collections.Frozen;

namespace Fediversity.Resources.Providers;

/// <summary>The providers of one hosting environment, one per kind of resource.</summary>
public sealed class ProviderRegistry
{
    private readonly FrozenDictionary<string, ResourceProvider> byKind;

    public ProviderRegistry(IEnumerable<ResourceProvider> providers)
    {
        var map = new Dictionary<string, ResourceProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            if (!map.TryAdd(provider.Kind, provider))
            {
                throw new InvalidOperationException($"Two providers are registered for '{provider.Kind}' resources.");
            }
        }

        byKind = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<string> Kinds => byKind.Keys;

    public ResourceProvider For(string kind) => byKind.TryGetValue(kind, out var provider)
        ? provider
        : throw new InvalidOperationException(
            $"This hosting environment has no provider for '{kind}' resources.");
}
