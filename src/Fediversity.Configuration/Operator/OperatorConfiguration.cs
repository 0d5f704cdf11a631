using System.ComponentModel;

namespace Fediversity.Configuration.Operator;

/// <summary>What an operator chooses: who they are, their domain, and their applications.</summary>
[Description("An operator's Fediversity configuration.")]
public sealed record OperatorConfiguration
{
    /// <summary>The version of this document's format. This release reads version 1.</summary>
    [Description("The version of this document's format; this release of Fediversity reads version 1.")]
    public required int Version { get; init; }

    [Description("Who the operator is.")]
    public required OperatorIdentity Operator { get; init; }

    [Description("The operator's domain, for example social.example.org; each application gets a name under it.")]
    public required string Domain { get; init; }

    [Description("The applications, each enabled or not, with its options.")]
    public required ApplicationSet Applications { get; init; }
}
