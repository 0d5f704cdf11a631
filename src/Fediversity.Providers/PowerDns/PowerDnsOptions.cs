using Fediversity.Resources;

namespace Fediversity.Providers.PowerDns;

/// <summary>How to reach a PowerDNS Authoritative server's HTTP API.</summary>
/// <param name="Url">The API's address, for example <c>http://ns1.internal:8081</c>; paths go below it.</param>
/// <param name="ApiKey">The API key, the server's <c>api-key</c> setting.</param>
/// <param name="ServerId">The server id in the API's paths, usually <c>localhost</c>.</param>
/// <param name="Nameservers">
/// The name servers of zones that are created, as host names; used when a zone resource names none.
/// </param>
public sealed record PowerDnsOptions(Uri Url, Secret ApiKey, string ServerId, IReadOnlyList<string> Nameservers)
{
    /// <summary>How long one HTTP call may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a call that failed for a passing reason is tried again.</summary>
    public int Retries { get; init; } = 3;
}
