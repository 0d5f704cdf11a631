namespace Fediversity.Orchestrator.State;

/// <summary>
/// One stretch of time during which an operator held one billable resource at one size: what the hosting
/// provider bills from. A new period starts whenever the resource is made or its size changes, and the
/// period ends when it is removed or resized. Kept after the operator's account is deleted, until
/// <see cref="KeepUntilMs"/>.
/// </summary>
public sealed class AccountingPeriodRow
{
    public long Id { get; set; }

    public required string Deployment { get; set; }

    public required string Address { get; set; }

    public required string Kind { get; set; }

    /// <summary>The billable quantities as a JSON object of numbers, such as cores, memoryMiB and diskGiB.</summary>
    public required string UsageJson { get; set; }

    public long StartedAtMs { get; set; }

    public long? EndedAtMs { get; set; }

    /// <summary>When the record may be purged; set when the operator's account is deleted.</summary>
    public long? KeepUntilMs { get; set; }
}
