namespace Fediversity.Panel.Data;

/// <summary>One saved version of an operator's configuration; versions are never changed, only added.</summary>
internal sealed class ConfigurationVersion
{
    public long Id { get; set; }

    public long OperatorId { get; set; }

    /// <summary>1 for the first version an operator saved, then counting up.</summary>
    public int Number { get; set; }

    /// <summary>The configuration document, encrypted: it may hold a handed-over bucket's secret key.</summary>
    public required string ProtectedJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}
