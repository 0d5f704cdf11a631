using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>An in-process stand-in DNS server.</summary>
[Description("A stand-in DNS server inside Fediversity.")]
public sealed record SandboxDns : DnsService
{
    [Description("How long each stand-in DNS call takes, in milliseconds.")]
    [Range(0, int.MaxValue)]
    public int OperationMs { get; init; } = 50;
}
