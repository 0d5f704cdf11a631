using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Operator;

/// <summary>An application's first administrator; Fediversity generates the password.</summary>
public sealed record AdminAccount
{
    [Description("The administrator's user name. Mastodon allows only letters, digits and underscores.")]
    [MinLength(1)]
    [MaxLength(30)]
    public required string Username { get; init; }

    [Description("The administrator's e-mail address.")]
    [RegularExpression(ConfigurationPatterns.Email)]
    public required string Email { get; init; }
}
