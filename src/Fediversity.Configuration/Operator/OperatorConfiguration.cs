using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Operator;

/// <summary>What an operator chooses: who they are, their domain, and their applications.</summary>
[Description("An operator's Fediversity configuration.")]
public sealed record OperatorConfiguration
{
    /// <summary>The version this release of Fediversity reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Where editors find this document's JSON Schema; Fediversity itself does not read it.</summary>
    [Description("Where editors find this document's JSON Schema, for example " +
        "../schema/operator-configuration.schema.json. Fediversity ignores it.")]
    [System.Text.Json.Serialization.JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>The version of this document's format. This release reads version 1.</summary>
    [Description("The version of this document's format; this release of Fediversity reads version 1.")]
    [Range(CurrentVersion, CurrentVersion)]
    public required int Version { get; init; }

    [Description("Who the operator is.")]
    public required OperatorIdentity Operator { get; init; }

    [Description("The operator's domain, for example social.example.org; each application gets a name under it.")]
    [RegularExpression(ConfigurationPatterns.DomainName)]
    [MaxLength(253)]
    public required string Domain { get; init; }

    [Description("The applications, each enabled or not, with its options.")]
    public required ApplicationSet Applications { get; init; }
}
