using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Operator;

/// <summary>One application's options.</summary>
public sealed record ApplicationOptions
{
    [Description("Whether the application is deployed. Turning it off removes it; see 'media' for its data.")]
    public required bool Enabled { get; init; }

    [Description("The name under the operator's domain, for example 'social' for social.example.org. "
        + "Lowercase letters, digits and dashes.")]
    [RegularExpression(ConfigurationPatterns.DnsLabel)]
    public required string Subdomain { get; init; }

    [Description("Who may sign up: 'open' to anyone, 'closed' to invited people only.")]
    public Registrations Registrations { get; init; } = Registrations.Closed;

    [Description("The application's first administrator account.")]
    public required AdminAccount Admin { get; init; }

    [Description("How big its machine is: 'small', 'medium' or 'large', as the hosting provider defines them.")]
    public SizeTier Size { get; init; } = SizeTier.Small;

    [Description("Where the application keeps its media: a bucket Fediversity manages, "
        + "or one the hosting provider handed over.")]
    public MediaStorage Media { get; init; } = new ManagedMedia();

    [Description("When 'enabled' is false, what becomes of the application's media: 'keep' keeps its bucket "
        + "and key (enabling the application again reattaches them), 'delete' empties and removes the bucket. "
        + "Required when the application is disabled and its media bucket is managed.")]
    public DataChoice? DataWhenDisabled { get; init; }
}
