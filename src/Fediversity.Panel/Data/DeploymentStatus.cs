namespace Fediversity.Panel.Data;

/// <summary>Where a deployment is.</summary>
internal enum DeploymentStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
