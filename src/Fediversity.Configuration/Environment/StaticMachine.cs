using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Operator;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Environment;

/// <summary>One pre-deployed machine.</summary>
public sealed record StaticMachine
{
    [Description("The machine's host name.")]
    [MinLength(1)]
    public required string Name { get; init; }

    [Description("The address Fediversity reaches it at over SSH.")]
    [MinLength(1)]
    public required string Address { get; init; }

    [Description("The SSH port.")]
    [Range(1, 65535)]
    public int Port { get; init; } = 22;

    [Description("The machine's SSH host key, as in known_hosts: 'ssh-ed25519 AAAA...'. "
        + "Fediversity refuses a host whose key differs.")]
    [RegularExpression(ConfigurationPatterns.SshHostKey)]
    public required string HostKey { get; init; }

    [Description("The operator whose application runs here.")]
    [RegularExpression(ConfigurationPatterns.Slug)]
    public required string Operator { get; init; }

    [Description("The application that runs here.")]
    public required ApplicationName Application { get; init; }
}
