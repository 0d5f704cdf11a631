namespace Fediversity.Panel.Data;

/// <summary>
/// An operator known to the panel, with the limits and applications the hosting provider grants it;
/// a limit left empty is the environment's.
/// </summary>
internal sealed class OperatorAccount
{
    public long Id { get; set; }

    /// <summary>The operator's stable name; it names every resource and the orchestrator's deployment.</summary>
    public required string Slug { get; set; }

    public required string DisplayName { get; set; }

    public required string OwnerUserId { get; set; }

    public int? LimitVms { get; set; }

    public int? LimitVcpus { get; set; }

    public int? LimitMemoryMiB { get; set; }

    public int? LimitDiskGiB { get; set; }

    /// <summary>The applications on offer to this operator, comma-separated; empty means the environment's.</summary>
    public string? OfferedApplications { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
