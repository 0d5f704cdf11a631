using Fediversity.Panel.Data;

namespace Fediversity.Panel.Deployments;

/// <summary>Everything the progress page shows, rebuilt from the stored events.</summary>
internal sealed record DeploymentProgress(
    DeploymentRecord Deployment,
    IReadOnlyList<StepLine> Steps,
    int Percent,
    string Estimate,
    IReadOnlyList<string> Log,
    long LastEventId)
{
    public bool Finished => Deployment.Status is DeploymentStatus.Succeeded or DeploymentStatus.Failed;
}
