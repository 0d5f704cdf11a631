using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Environment;

/// <summary>The DNS service that serves the operators' names.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SandboxDns), "sandbox")]
[JsonDerivedType(typeof(PowerDnsService), "powerdns")]
[JsonDerivedType(typeof(Rfc2136Dns), "rfc2136")]
public abstract record DnsService
{
    [Description("The zone every operator's names are made in; "
        + "when absent, each operator's domain is its own zone.")]
    public string? Zone { get; init; }

    [Description("The time to live of the records, in seconds.")]
    [Range(1, int.MaxValue)]
    public int Ttl { get; init; } = 300;
}
