using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Environment;

/// <summary>The SMTP relay the applications send mail through.</summary>
public sealed record MailRelay
{
    [Description("The relay's host name.")]
    [MinLength(1)]
    public required string Host { get; init; }

    [Description("The relay's port.")]
    [Range(1, 65535)]
    public int Port { get; init; } = 587;

    [Description("The domain of the applications' sender addresses when the operator's own is not used.")]
    [RegularExpression(ConfigurationPatterns.DomainName)]
    public required string FromDomain { get; init; }

    [Description("The user name to sign in to the relay with, if it wants one.")]
    public string? Username { get; init; }

    [Description("A file that holds the relay password.")]
    public string? PasswordFile { get; init; }
}
