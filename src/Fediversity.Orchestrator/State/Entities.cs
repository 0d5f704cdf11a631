namespace Fediversity.Orchestrator.State;

/// <summary>A deployment: one operator's resources.</summary>
public sealed class DeploymentRow
{
    public required string Id { get; set; }

    public required string Status { get; set; }

    public string? Environment { get; set; }

    public long UpdatedAtMs { get; set; }
}

/// <summary>One resource's last known inputs and outputs. Secrets inside are encrypted.</summary>
public sealed class ResourceRow
{
    public required string Deployment { get; set; }

    public required string Address { get; set; }

    public required string Kind { get; set; }

    public required string InputsJson { get; set; }

    public required string OutputsJson { get; set; }

    public required string DependenciesJson { get; set; }

    public bool Retained { get; set; }

    public long CreatedAtMs { get; set; }

    public long UpdatedAtMs { get; set; }
}

/// <summary>
/// One provider call that changes the world: written before the call as an intent, completed after it
/// with the outcome. An intent without an outcome tells the next run that a step was cut off.
/// </summary>
public sealed class JournalEntry
{
    public long Id { get; set; }

    public required string RunId { get; set; }

    public required string Deployment { get; set; }

    public required string Address { get; set; }

    public required string Operation { get; set; }

    /// <summary>The name the resource is known by remotely, which lets an interrupted create be found again.</summary>
    public string? Handle { get; set; }

    public long StartedAtMs { get; set; }

    public long? EndedAtMs { get; set; }

    public string? Outcome { get; set; }

    public string? Error { get; set; }
}

/// <summary>One apply or destroy of a deployment.</summary>
public sealed class RunRow
{
    public required string Id { get; set; }

    public required string Deployment { get; set; }

    public required string Command { get; set; }

    public required string Holder { get; set; }

    public long StartedAtMs { get; set; }

    public long? EndedAtMs { get; set; }

    public string? Outcome { get; set; }

    public string? SummaryJson { get; set; }
}

/// <summary>Who may change a deployment now, and until when.</summary>
public sealed class LeaseRow
{
    public required string Deployment { get; set; }

    public required string Holder { get; set; }

    public required string Machine { get; set; }

    public int ProcessId { get; set; }

    public long AcquiredAtMs { get; set; }

    public long ExpiresAtMs { get; set; }
}

/// <summary>What the last refresh found different about one resource.</summary>
public sealed class DriftRow
{
    public required string Deployment { get; set; }

    public required string Address { get; set; }

    public required string Kind { get; set; }

    public bool Gone { get; set; }

    public required string ChangesJson { get; set; }

    public long DetectedAtMs { get; set; }
}
