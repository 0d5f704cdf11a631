using System.ComponentModel;

namespace Fediversity.Configuration.Operator;

/// <summary>The operator's stable name and the name people see.</summary>
public sealed record OperatorIdentity
{
    [Description("A short, stable name: lowercase letters, digits and dashes, starting with a letter, at most 32 characters. It names every resource of the operator and cannot change.")]
    public required string Slug { get; init; }

    [Description("The operator's name as people read it.")]
    public required string DisplayName { get; init; }
}
