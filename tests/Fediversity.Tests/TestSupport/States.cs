using System.Collections.Immutable;
using Fediversity.Orchestrator.State;
using Fediversity.Resources;
using Fediversity.Resources.Providers;

namespace Fediversity.Tests.TestSupport;

/// <summary>Recorded deployment states made in memory, for the planner.</summary>
internal static class States
{
    public static DeploymentState Of(string deployment, params ResourceRecord[] records) =>
        new(deployment, records.ToImmutableSortedDictionary(r => r.Address, r => r), []);

    public static DeploymentState Interrupted(this DeploymentState state, params string[] addresses) =>
        state with { Interrupted = [.. addresses.Select(a => new ResourceAddress(a))] };
}
