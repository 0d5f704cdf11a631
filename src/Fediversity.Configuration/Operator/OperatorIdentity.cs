using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Operator;

/// <summary>The operator's stable name and the name people see.</summary>
public sealed record OperatorIdentity
{
    [Description("A short, stable name: lowercase letters, digits and dashes, starting with a letter, "
        + "at most 32 characters. It names every resource of the operator and cannot change.")]
    [RegularExpression(ConfigurationPatterns.Slug)]
    public required string Slug { get; init; }

    [Description("The operator's name as people read it.")]
    [MinLength(1)]
    public required string DisplayName { get; init; }
}
