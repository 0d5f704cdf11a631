using Fediversity.Resources;
using Fediversity.Resources.Graph;

namespace Fediversity.Bench.CriticalPath;

/// <summary>
/// The least time a graph can be made in: the longest chain of dependencies, each resource costing what
/// its kind takes to make. No executor can finish sooner, whatever its parallelism.
/// </summary>
public static class CriticalPathModel
{
    /// <summary>The chain's length and its resources, first to last.</summary>
    public static (TimeSpan Length, IReadOnlyList<ResourceAddress> Chain) Compute(
        ResourceGraph graph, Func<string, TimeSpan> costOfKind)
    {
        var finish = new Dictionary<ResourceAddress, TimeSpan>();
        var previous = new Dictionary<ResourceAddress, ResourceAddress?>();

        foreach (var resource in graph.Order)
        {
            var start = TimeSpan.Zero;
            ResourceAddress? before = null;
            foreach (var dependency in resource.Dependencies)
            {
                if (finish[dependency] > start || before is null)
                {
                    start = finish[dependency];
                    before = dependency;
                }
            }

            finish[resource.Address] = start + costOfKind(resource.Kind);
            previous[resource.Address] = before;
        }

        if (finish.Count == 0)
        {
            return (TimeSpan.Zero, []);
        }

        var last = finish.MaxBy(f => f.Value).Key;
        var chain = new List<ResourceAddress>();
        for (ResourceAddress? at = last; at is not null; at = previous[at.Value])
        {
            chain.Add(at.Value);
        }

        chain.Reverse();
        return (finish[last], chain);
    }
}
