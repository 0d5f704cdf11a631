using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fediversity.Configuration.Environment;

/// <summary>The DNS service that serves the operators' names.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SandboxDns), "sandbox")]
[JsonDerivedType(typeof(PowerDnsService), "powerdns")]
[JsonDerivedType(typeof(Rfc2136Dns), "rfc2136")]
public abstract record DnsService
{
    [Description("The zone every operator's names are made in; when absent, each operator's domain is its own zone.")]
    public string? Zone { get; init; }

    [Description("The time to live of the records, in seconds.")]
    public int Ttl { get; init; } = 300;
}

/// <summary>An in-process stand-in DNS server.</summary>
[Description("A stand-in DNS server inside Fediversity.")]
public sealed record SandboxDns : DnsService
{
    [Description("How long each stand-in DNS call takes, in milliseconds.")]
    public int OperationMs { get; init; } = 50;
}

/// <summary>A PowerDNS Authoritative server driven through its HTTP API.</summary>
[Description("A PowerDNS Authoritative server, driven through its HTTP API.")]
public sealed record PowerDnsService : DnsService
{
    [Description("The API address, for example http://ns1.internal:8081.")]
    public required Uri Url { get; init; }

    [Description("A file that holds the API key.")]
    public required string ApiKeyFile { get; init; }

    [Description("The server id in the API's paths.")]
    public string ServerId { get; init; } = "localhost";

    [Description("The name servers of zones Fediversity creates, as host names.")]
    public IReadOnlyList<string> Nameservers { get; init; } = [];
}

/// <summary>Any standard DNS server that takes dynamic updates signed with TSIG.</summary>
[Description("Any standard DNS server taking RFC 2136 dynamic updates signed with TSIG, such as BIND or Knot.")]
public sealed record Rfc2136Dns : DnsService
{
    [Description("The server's address.")]
    public required string Server { get; init; }

    [Description("The server's port.")]
    public int Port { get; init; } = 53;

    [Description("The TSIG key's name.")]
    public required string TsigKeyName { get; init; }

    [Description("The TSIG algorithm, for example hmac-sha256.")]
    public string TsigAlgorithm { get; init; } = "hmac-sha256";

    [Description("A file that holds the TSIG key's base64 secret.")]
    public required string TsigSecretFile { get; init; }
}
