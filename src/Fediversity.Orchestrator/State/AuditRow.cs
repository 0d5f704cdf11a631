namespace Fediversity.Orchestrator.State;

/// <summary>
/// A lasting record of an operator account's deletion: who deleted it, when, and what was removed. It
/// outlives the operator's other records and holds no secrets, only resource addresses.
/// </summary>
public sealed class AuditRow
{
    public long Id { get; set; }

    public required string Deployment { get; set; }

    public required string Action { get; set; }

    public required string Actor { get; set; }

    public string? Environment { get; set; }

    public long AtMs { get; set; }

    /// <summary>The addresses of the resources the deletion removed, as a JSON array.</summary>
    public required string RemovedJson { get; set; }

    /// <summary>Until when the operator's accounting records are kept.</summary>
    public long AccountingKeptUntilMs { get; set; }
}
