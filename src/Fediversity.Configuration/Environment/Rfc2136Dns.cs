using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Fediversity.Configuration.Schema;

namespace Fediversity.Configuration.Environment;

/// <summary>Any standard DNS server that takes dynamic updates signed with TSIG.</summary>
[Description("Any standard DNS server taking RFC 2136 dynamic updates signed with TSIG, such as BIND or Knot.")]
public sealed record Rfc2136Dns : DnsService
{
    [Description("The server's address.")]
    [MinLength(1)]
    public required string Server { get; init; }

    [Description("The server's port.")]
    [Range(1, 65535)]
    public int Port { get; init; } = 53;

    [Description("The TSIG key's name.")]
    [MinLength(1)]
    public required string TsigKeyName { get; init; }

    [Description("The TSIG algorithm, for example hmac-sha256.")]
    [RegularExpression(ConfigurationPatterns.TsigAlgorithm)]
    public string TsigAlgorithm { get; init; } = "hmac-sha256";

    [Description("A file that holds the TSIG key's base64 secret.")]
    [MinLength(1)]
    public required string TsigSecretFile { get; init; }
}
