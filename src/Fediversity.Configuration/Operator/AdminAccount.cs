using System.ComponentModel;

namespace Fediversity.Configuration.Operator;

/// <summary>An application's first administrator; Fediversity generates the password.</summary>
public sealed record AdminAccount
{
    [Description("The administrator's user name. Mastodon allows only letters, digits and underscores.")]
    public required string Username { get; init; }

    [Description("The administrator's e-mail address.")]
    public required string Email { get; init; }
}
