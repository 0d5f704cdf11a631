using Fediversity.Orchestrator.Locking;
using Fediversity.Orchestrator.Planning;
using Fediversity.Resources.Graph;

namespace Fediversity.Orchestrator.Deployments;

/// <summary>One apply or destroy of a deployment.</summary>
/// <param name="Desired">What the deployment should be; an empty graph destroys it.</param>
/// <param name="Environment">The name of the hosting environment, for the record.</param>
/// <param name="Confirm">Asked with the plan before anything changes; false stops the run.</param>
public sealed record ApplyRequest(ResourceGraph Desired, string Environment, Func<Plan, bool> Confirm)
{
    /// <summary>Who runs this, as the lease and the run records name them.</summary>
    public LeaseHolder Holder { get; init; } = LeaseHolder.Current();

    public string Command { get; init; } = "apply";

    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When the run deletes the operator's account (an empty desired graph), how long the operator's
    /// accounting records are kept afterwards. The hosting environment says; about seven years otherwise.
    /// </summary>
    public TimeSpan AccountingRetention { get; init; } = TimeSpan.FromDays(2557);
}
