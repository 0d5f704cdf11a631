using Fediversity.Resources.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fediversity.Providers.PowerDns;

/// <summary>The providers of DNS zones and records on a PowerDNS Authoritative server.</summary>
public static class PowerDnsProviders
{
    /// <summary>Makes the <c>dns-zone</c> and <c>dns-record</c> providers for one PowerDNS server.</summary>
    /// <param name="options">Where the server is and how to sign in.</param>
    /// <param name="httpClient">
    /// The client to call the API with; when <c>null</c> one is made and kept for the providers' life.
    /// </param>
    /// <param name="time">The clock, for the pauses between retries.</param>
    /// <param name="logger">Where the calls are logged, at Debug; nowhere when <c>null</c>.</param>
    public static IReadOnlyList<ResourceProvider> For(
        PowerDnsOptions options, HttpClient? httpClient, TimeProvider time, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        var client = new PowerDnsClient(
            options, httpClient ?? new HttpClient(), time, logger ?? NullLogger.Instance);
        return [new PowerDnsZoneProvider(client, options), new PowerDnsRecordProvider(client)];
    }
}
