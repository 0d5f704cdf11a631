using System.Collections.Immutable;
using Fediversity.Resources;
using Fediversity.Resources.Providers;

namespace Fediversity.Orchestrator.State;

/// <summary>What the state store last recorded for one deployment.</summary>
/// <param name="Deployment">The operator's slug.</param>
/// <param name="Resources">Every recorded resource by address.</param>
/// <param name="Interrupted">Resources whose last step began and never ended: a run was killed.</param>
public sealed record DeploymentState(
    string Deployment,
    ImmutableSortedDictionary<ResourceAddress, ResourceRecord> Resources,
    ImmutableSortedSet<ResourceAddress> Interrupted)
{
    /// <summary>Resources the last refresh found changed (false) or gone (true) outside Fediversity.</summary>
    public ImmutableSortedDictionary<ResourceAddress, bool> Drifted { get; init; } =
        ImmutableSortedDictionary<ResourceAddress, bool>.Empty;

    public static DeploymentState Empty(string deployment) => new(deployment, ImmutableSortedDictionary<ResourceAddress, ResourceRecord>.Empty, []);
}
