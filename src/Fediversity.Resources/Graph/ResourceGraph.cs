using System.Collections.Immutable;

namespace Fediversity.Resources.Graph;

/// <summary>
/// The desired resources of one deployment with the dependencies between them. A graph is checked
/// when it is made: every dependency exists and there is no cycle.
/// </summary>
public sealed class ResourceGraph
{
    private ResourceGraph(string deployment, ImmutableSortedDictionary<ResourceAddress, DesiredResource> resources)
    {
        Deployment = deployment;
        Resources = resources;
        Order = TopologicalOrder(resources);
    }

    /// <summary>The deployment these resources belong to: the operator's slug.</summary>
    public string Deployment { get; }

    public ImmutableSortedDictionary<ResourceAddress, DesiredResource> Resources { get; }

    /// <summary>Every resource after the resources it depends on; ties broken by address.</summary>
    public ImmutableArray<DesiredResource> Order { get; }

    public static ResourceGraph Create(string deployment, IEnumerable<DesiredResource> resources)
    {
        var byAddress = ImmutableSortedDictionary.CreateBuilder<ResourceAddress, DesiredResource>();
        foreach (var resource in resources)
        {
            if (!byAddress.TryAdd(resource.Address, resource))
            {
                throw new InvalidOperationException($"Two resources share the address {resource.Address}.");
            }
        }

        foreach (var resource in byAddress.Values)
        {
            foreach (var dependency in resource.Dependencies.Where(d => !byAddress.ContainsKey(d)))
            {
                throw new InvalidOperationException(
                    $"{resource.Address} depends on {dependency}, which is not in the graph.");
            }
        }

        return new ResourceGraph(deployment, byAddress.ToImmutable());
    }

    private static ImmutableArray<DesiredResource> TopologicalOrder(
        ImmutableSortedDictionary<ResourceAddress, DesiredResource> resources)
    {
        var order = ImmutableArray.CreateBuilder<DesiredResource>(resources.Count);
        var state = new Dictionary<ResourceAddress, bool>(); // false: visiting, true: done

        void Visit(DesiredResource resource, Stack<ResourceAddress> path)
        {
            if (state.TryGetValue(resource.Address, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException(
                        $"Dependency cycle: {string.Join(" -> ", path.Reverse())} -> {resource.Address}.");
                }

                return;
            }

            state[resource.Address] = false;
            path.Push(resource.Address);
            foreach (var dependency in resource.Dependencies)
            {
                Visit(resources[dependency], path);
            }

            path.Pop();
            state[resource.Address] = true;
            order.Add(resource);
        }

        foreach (var resource in resources.Values)
        {
            Visit(resource, new Stack<ResourceAddress>());
        }

        return order.MoveToImmutable();
    }
}
