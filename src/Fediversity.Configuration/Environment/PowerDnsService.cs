using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Fediversity.Configuration.Environment;

/// <summary>A PowerDNS Authoritative server driven through its HTTP API.</summary>
[Description("A PowerDNS Authoritative server, driven through its HTTP API.")]
public sealed record PowerDnsService : DnsService
{
    [Description("The API address, for example http://ns1.internal:8081.")]
    public required Uri Url { get; init; }

    [Description("A file that holds the API key.")]
    [MinLength(1)]
    public required string ApiKeyFile { get; init; }

    [Description("The server id in the API's paths.")]
    [MinLength(1)]
    public string ServerId { get; init; } = "localhost";

    [Description("The name servers of zones Fediversity creates, as host names.")]
    public IReadOnlyList<string> Nameservers { get; init; } = [];
}
