namespace Fediversity.Panel.Data;

/// <summary>One deployment asked for in the panel: queued, then run by a worker, then ended.</summary>
internal sealed class DeploymentRecord
{
    public long Id { get; set; }

    public long OperatorId { get; set; }

    public long ConfigurationVersionId { get; set; }

    public DeploymentStatus Status { get; set; }

    /// <summary>The plan the operator was shown, as its steps' addresses and actions, in JSON.</summary>
    public required string ShownPlanJson { get; set; }

    /// <summary>Whether the operator confirmed the steps that destroy data.</summary>
    public bool DataLossConfirmed { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why the deployment failed, in words for the operator; never a secret.</summary>
    public string? Error { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Deleted { get; set; }

    public int Failed { get; set; }
}
