namespace Fediversity.Panel.Data;

/// <summary>One event of a deployment, kept so that its progress page can be rebuilt at any time.</summary>
internal sealed class DeploymentEventRow
{
    /// <summary>Grows with every event of every deployment; the live channel resumes after it.</summary>
    public long Id { get; set; }

    public long DeploymentId { get; set; }

    /// <summary>The event's type, as the orchestrator's JSON events name it.</summary>
    public required string Type { get; set; }

    /// <summary>The event as the orchestrator's JSON events write it; events never carry a secret.</summary>
    public required string Json { get; set; }

    public DateTimeOffset At { get; set; }
}
