namespace Fediversity.Panel.Data;

/// <summary>
/// A request to delete an operator's account: which deployment record carries its progress, and who asked.
/// The operator's account row stays, for the audit; the deletion's own outcome is that record's status.
/// </summary>
internal sealed class OperatorDeletion
{
    public long Id { get; set; }

    public long OperatorId { get; set; }

    /// <summary>The deployment record whose job runs the deletion and whose events show its progress.</summary>
    public long DeploymentId { get; set; }

    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
}
