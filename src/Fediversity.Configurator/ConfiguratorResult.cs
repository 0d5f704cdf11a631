using System.Collections.Immutable;
using Fediversity.Resources.Graph;

namespace Fediversity.Configurator;

/// <summary>The resource graph of a configuration, or every reason there is none.</summary>
public sealed record ConfiguratorResult(
    ResourceGraph? Graph, ImmutableArray<DeployedService> Services, ImmutableArray<ConfiguratorProblem> Problems)
{
    public bool Succeeded => Graph is not null;
}
